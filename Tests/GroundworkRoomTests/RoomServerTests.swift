import Synchronization
import Testing
@testable import GroundworkCore
@testable import GroundworkRoom

/// The server's pieces that are not routes: what a socket sends, and the thread saves wait on.
struct RoomServerTests {
    static func view(_ heading: String) -> Room.Message {
        var group = GroupView(title: "1-2-4-All")
        group.heading = heading
        return .view(RoomView(name: "ana", group: group, people: ["ana"]))
    }

    @Test func aSocketBehindSendsEveryPrivateNoteAndOnlyTheNewestView() {
        let outbox = Outbox()
        outbox.put(RoomServerTests.view("Step 1"))
        outbox.put(.privately("crisis lines"))
        outbox.put(RoomServerTests.view("Step 2"))
        outbox.put(.privately("again"))
        #expect(outbox.take() == [.privately("crisis lines"), .privately("again"), RoomServerTests.view("Step 2")])
        #expect(outbox.take().isEmpty, "nothing is sent twice")
        outbox.put(RoomServerTests.view("Step 3"))
        #expect(outbox.take() == [RoomServerTests.view("Step 3")])
    }

    @Test func theDiskLaneRunsJobsInOrderOffTheCallersThread() async {
        let lane = DiskLane()
        let order = Mutex<[Int]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            for index in 0..<20 {
                lane.submit {
                    order.withLock { $0.append(index) }
                    if index == 19 { done.resume() }
                }
            }
        }
        #expect(order.withLock { $0 } == Array(0..<20))
    }
}
