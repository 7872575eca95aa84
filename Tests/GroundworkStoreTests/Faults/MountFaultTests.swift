import Foundation
import Testing
@testable import GroundworkStore

extension FaultTests {
    /// Real file systems that refuse writes, as root sees them (root ignores file modes, not a read-only
    /// mount or a full disk): a small tmpfs mounted for the test. Needs root and permission to mount.
    @Suite(.serialized, .enabled(if: MountedFolder.canMount, "needs root and permission to mount tmpfs (mount -t tmpfs)"))
    struct MountFaultTests {
        @Test func readOnlyMountKeepsEverythingAndSaysWhy() throws {
            let mounted = try MountedFolder(size: "1m")
            let store = UserStore(location: DataLocation(root: mounted.path + "/data"), user: try UserName("ada"))
            var record = Samples.record()
            do {
                let writer = try store.lockForWriting()
                try writer.save(&record)
            }
            let path = store.path(of: record.fileName)
            let before = try PosixFileSystem().read(path)
            try mounted.remount(readOnly: true)

            // Reading works: history (its cache cannot be written, which is fine), load, export.
            #expect(try store.headers().items.map(\.id) == [record.id])
            #expect(try store.load(fileName: record.fileName) == record)
            // Writing is refused when the lock is taken, naming the file and the reason.
            let error = #expect(throws: StoreError.self) { try store.lockForWriting() }
            #expect(error?.description == "could not open lock '\(store.location.lockFile(store.user))': read-only file system")
            // (A writer holding the lock keeps a file open for writing, so the kernel refuses to remount
            // read-only under it: that case is covered through the FileSystem seam in StoreFaultTests.)
            #expect(try PosixFileSystem().read(path) == before)
            try mounted.remount(readOnly: false)
            let writer = try store.lockForWriting()
            var next = StoreFaultTests.nextTurn(record)
            try writer.save(&next)
            #expect(try store.load(fileName: record.fileName) == next)
        }

        /// A really full disk: the session that no longer fits is refused with ENOSPC, the previous one
        /// stays whole, and no partial temp file is left taking the last of the space.
        @Test func fullDiskKeepsThePreviousFile() throws {
            let mounted = try MountedFolder(size: "256k")
            let store = UserStore(location: DataLocation(root: mounted.path + "/data"), user: try UserName("ada"))
            let writer = try store.lockForWriting()
            var record = Samples.record(answers: 5)
            try writer.save(&record)
            let path = store.path(of: record.fileName)
            let before = try PosixFileSystem().read(path)
            // Fill the disk, leaving less than the bigger session needs.
            let filler = mounted.path + "/filler"
            _ = FileManager.default.createFile(atPath: filler, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
            let block = Data(repeating: 0x41, count: 4096)
            while (try? handle.write(contentsOf: block)) != nil {}
            try handle.close()

            var bigger = Samples.record(answers: 400)
            bigger.origin = record.origin
            let error = #expect(throws: StoreError.self) { try writer.save(&bigger) }
            #expect(error?.description == "could not save '\(path)': no space left on device")
            #expect(try PosixFileSystem().read(path) == before)
            #expect(try store.leftoverTempFiles().isEmpty)
            #expect(try store.load(fileName: record.fileName) == record)

            try FileManager.default.removeItem(atPath: filler)
            try writer.save(&bigger)
            #expect(try store.load(fileName: record.fileName).answers.count == 400)
        }
    }
}
