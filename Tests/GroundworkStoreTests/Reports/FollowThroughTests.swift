import GroundworkCore
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

/// Which commitment a new session follows up, from the person's session headers.
@Suite struct FollowThroughTests {
    static let day: Int64 = 86_400_000
    static let base = Timestamp(parsing: "2026-03-01T09:00:00.000Z") ?? Timestamp(millisecondsSince1970: 0)

    /// A header of a session on day `day` (0 is `base`).
    static func header(_ id: String, day: Int64, status: SessionState.Status = .completed, intention: String? = nil,
                       step: String? = "Rest a while.", followUp: (String, FollowUpAnswer?)? = nil) -> SessionHeader {
        let time = Timestamp(millisecondsSince1970: base.millisecondsSince1970 + day * Self.day)
        var record = SessionRecord(id: id, user: "ada", flowID: "daily-checkin", flowTitle: "Daily check-in", flowHash: "",
                                   startedAt: time, state: SessionState(flowID: "daily-checkin", flowHash: "", seed: 0))
        record.status = status
        record.updatedAt = Timestamp(millisecondsSince1970: time.millisecondsSince1970 + 60_000)
        if status == .completed {
            record.state.summary = SessionSummary(text: "", nextStepID: step.map { _ in "rest" }, nextStepText: step, scores: [:], intention: intention)
        }
        if let (session, answer) = followUp {
            let commitment = Commitment(sessionID: session, kind: .nextStep, text: "x", flowTitle: "Daily check-in", ageDays: 1)
            record.state.followUp = FollowUp(commitment: commitment, answer: answer)
        }
        return SessionHeader(record: record, fileName: id + ".json")
    }

    /// The open commitment's session id and age on day `today`.
    static func open(_ headers: [SessionHeader], today: Int64) -> (String, Int)? {
        let now = base.millisecondsSince1970 + today * day
        let found = FollowThrough.openCommitment(in: headers) { then in
            Int((now / day) - (then.millisecondsSince1970 / day))
        }
        return found.map { ($0.sessionID, $0.ageDays) }
    }

    /// Sessions, the day it is, and the session whose commitment is open with its age (nil: none).
    struct Case: Sendable, CustomTestStringConvertible {
        var why: String
        var headers: [SessionHeader]
        var today: Int64
        var session: String?
        var age: Int = 0
        var testDescription: String { why }
    }

    static let a = header("a", day: 0)
    static let cases: [Case] = [
        Case(why: "yesterday's", headers: [a], today: 1, session: "a", age: 1),
        Case(why: "made today: not yet", headers: [a], today: 0, session: nil),
        Case(why: "too old", headers: [a], today: 31, session: nil),
        Case(why: "30 days is not too old", headers: [a], today: 30, session: "a", age: 30),
        Case(why: "the newest", headers: [a, header("b", day: 1)], today: 2, session: "b", age: 1),
        Case(why: "only completed sessions commit", headers: [a, header("b", day: 1, status: .abandoned)], today: 2, session: "a", age: 2),
        Case(why: "no next step, no commitment", headers: [a, header("b", day: 1, step: nil)], today: 2, session: "a", age: 2),
        Case(why: "done closes", headers: [a, header("b", day: 1, status: .active, followUp: ("a", .done))], today: 2, session: nil),
        Case(why: "let it go closes", headers: [a, header("b", day: 1, status: .active, followUp: ("a", .letGo))], today: 2, session: nil),
        Case(why: "partly closes", headers: [a, header("b", day: 1, status: .active, followUp: ("a", .partly))], today: 2, session: nil),
        Case(why: "not yet: once more", headers: [a, header("b", day: 1, status: .active, followUp: ("a", .notYet))], today: 2,
             session: "a", age: 2),
        Case(why: "not yet twice closes", headers: [a, header("b", day: 1, status: .active, followUp: ("a", .notYet)),
                                                    header("c", day: 2, status: .active, followUp: ("a", .notYet))], today: 3, session: nil),
        Case(why: "skipped stays open", headers: [a, header("b", day: 1, status: .active, followUp: ("a", nil))], today: 2,
             session: "a", age: 2),
        Case(why: "every one closed", headers: [a, header("b", day: 1, followUp: ("a", .done)),
                                                header("c", day: 2, status: .abandoned, followUp: ("b", .done))], today: 3, session: nil),
    ]

    @Test(arguments: cases)
    func theNewestOpenCommitment(_ test: Case) {
        let found = Self.open(test.headers, today: test.today)
        #expect(found?.0 == test.session)
        if test.session != nil { #expect(found?.1 == test.age) }
    }

    @Test func anIntentionComesBeforeTheNextStep() throws {
        let withIntention = try #require(FollowThrough.commitment(of: Self.header("a", day: 0, intention: "call my sister")))
        #expect(withIntention.kind == .intention && withIntention.text == "call my sister" && withIntention.stepID == nil)
        let without = try #require(FollowThrough.commitment(of: Self.header("b", day: 0)))
        #expect(without.kind == .nextStep && without.text == "Rest a while." && without.stepID == "rest")
        #expect(without.flowTitle == "Daily check-in")
    }

    @Test func theRecordCountsAnsweredFollowUpsNewestFirst() {
        var headers = (0..<12).map { i in Self.header("s\(i)", day: Int64(i), followUp: ("x", i < 4 ? .notYet : .done)) }
        headers.append(Self.header("skipped", day: 20, followUp: ("x", nil)))
        let record = FollowThrough.record(in: headers)
        #expect(record == FollowThroughRecord(answered: 9, done: 8, partly: 0))
    }

    @Test(arguments: [
        ("Rest a while.", "Rest a while."),
        ("Put one thing that gave you energy this week into next week's calendar first",
         "Put one thing that gave you energy this week…"),
        ("line one\nline two", "line one line two"),
    ])
    func shortTextsStayOnOneLine(_ text: String, _ expected: String) {
        #expect(FollowThrough.short(text) == expected)
    }

    @Test func historySaysTheFollowUpInWords() {
        var header = Self.header("b", day: 1, intention: "go for a walk", followUp: ("a", .partly))
        header.followUp?.commitment.text = "call my sister"
        #expect(Headline.text(for: header) == "followed up “call my sister”: partly · intention: “go for a walk”")
        #expect(Headline.text(for: Self.header("c", day: 1)) == "next step: Rest a while.")
        let json = HistoryReport.json([header], unreadable: [])
        #expect(json.contains("\"followUp\": {") && json.contains("\"answer\": \"partly\"") && json.contains("\"intention\": \"go for a walk\""))
    }
}

@Suite struct FollowThroughIndexTests {
    /// The header cache keeps the intention and the follow-up, so `history` and the next session see them.
    @Test func theIndexKeepsIntentionAndFollowUp() throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ada"))
        let writer = try store.lockForWriting()
        var state = Samples.state(answers: 1, completed: true)
        state.summary?.intention = "call my sister"
        let commitment = Commitment(sessionID: "old", kind: .nextStep, text: "Rest.", stepID: "rest", flowTitle: "Journal", ageDays: 2)
        state.followUp = FollowUp(commitment: commitment, answer: .notYet)
        _ = try writer.createSession(flowID: "f", flowTitle: "F", flowHash: "h", state: state, now: UserStoreTests.at(0))
        let fresh = try #require(try store.headers().items.first)   // read from the file, then cached
        let cached = try #require(try store.headers().items.first)  // from the index
        #expect(fresh.intention == "call my sister" && fresh.followUp == state.followUp)
        #expect(cached == fresh)
    }
}
