import GroundworkCore
import GroundworkStore

/// Generated sessions for the persistence figures: a long one to save repeatedly, and a history of
/// many ordinary ones to list.
enum SessionFactory {
    static let flows: [(id: String, title: String)] = [
        ("career-checkin", "Career check-in"), ("journal", "Journal"), ("daily-checkin", "Daily check-in"),
        ("weekly-review", "Weekly review"),
    ]

    /// A session with `turns` answered questions: state, inputs and a transcript of question and answer.
    static func record(turns: Int, flowIndex: Int = 0, user: String, startedAt: Timestamp, completed: Bool, seed: UInt64) -> SessionRecord {
        let flow = flows[flowIndex % flows.count]
        var random = SplitMix64(seed: seed)
        var state = SessionState(flowID: flow.id, flowHash: "5f3a9c2e7b10d4e1", seed: seed)
        state.cursor = Cursor(flowID: flow.id, node: completed ? nil : "q\(turns)", returnStack: [])
        var transcript: [TranscriptEntry] = []
        transcript.reserveCapacity(turns * 2)
        for turn in 0..<turns {
            let question = "Question \(turn + 1): what takes most of your week, and how does it feel?"
            let answer = JournalCorpus.lines(count: 1, seed: random.next(), rareWords: [])[0]
            let value: Value = turn % 3 == 0 ? .number(Double(random.below(100))) : .string(answer)
            let variable = "answer_\(turn % 40)"
            state.answers.append(Answer(flowID: flow.id, nodeID: "q\(turn)", question: question, raw: answer, value: value, variable: variable))
            state.inputs.append(.line(answer))
            state.variables[variable] = value
            let time = Timestamp(millisecondsSince1970: startedAt.millisecondsSince1970 + Int64(turn) * 20_000)
            transcript.append(TranscriptEntry(time: time, speaker: .coach, text: question))
            transcript.append(TranscriptEntry(time: time, speaker: .person, text: answer))
        }
        if completed {
            state.status = .completed
            let score = Double(20 + random.below(60))
            state.summary = SessionSummary(text: "Your exposure score is \(Int(score)).", nextStepID: "own-an-outcome",
                                           nextStepText: "Pick one result at work you could own end to end.",
                                           scores: ["exposure.score": .number(score), "exposure.band": .string("moderate")])
        }
        return SessionRecord(id: String(format12(random.next())), user: user, flowID: flow.id, flowTitle: flow.title,
                             flowHash: state.flowHash, startedAt: startedAt, state: state, transcript: transcript)
    }

    /// 12 lowercase hex digits, like the store's session ids.
    private static func format12(_ value: UInt64) -> String {
        let hex = String(value & 0xFFFF_FFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }

    /// Writes `count` sessions for `user` under `home` through the store, one day apart, about
    /// three in four completed; returns how many were written.
    static func writeHistory(home: String, user: String, count: Int) throws(StoreError) -> Int {
        let store = UserStore(location: DataLocation(root: home), user: try UserName(user))
        let writer = try store.lockForWriting()
        let first = Timestamp(millisecondsSince1970: 1_700_000_000_000)
        for index in 0..<count {
            let start = Timestamp(millisecondsSince1970: first.millisecondsSince1970 + Int64(index) * 86_400_000)
            var record = record(turns: 12 + index % 20, flowIndex: index, user: user, startedAt: start,
                                completed: index % 4 != 3, seed: UInt64(index) &* 7919)
            try writer.save(&record, now: start)
        }
        return count
    }
}
