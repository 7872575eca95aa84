import GroundworkCore

/// Writes a `SessionRecord` as pretty JSON straight into bytes, keys sorted.
///
/// Why not `JSONEncoder`: it takes about 5 ms for a 500-turn session in a release build, and the
/// target is under 1 ms. The output has exactly the shape the synthesized `Decodable` conformances
/// read (optional fields left out when nil, enums with payloads as `{"case": {"_0": …}}`).
/// `SessionJSONWriterTests` compares it with `JSONEncoder`'s output and checks every stored
/// property by reflection, so a field added to `SessionState` cannot be dropped silently.
struct SessionJSONWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the current container has had a member yet (one entry per open container).
    private var hasMember: [Bool] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    static func encode(_ record: SessionRecord) -> [UInt8] {
        var w = SessionJSONWriter(capacity: 256 + record.transcript.count * 160 + record.state.answers.count * 240)
        w.record(record)
        w.bytes.append(0x0A)
        return w.bytes
    }

    // MARK: the record's shape (keys in sorted order)

    mutating func record(_ r: SessionRecord) {
        open(0x7B)
        key("flowHash"); string(r.flowHash)
        key("flowID"); string(r.flowID)
        key("flowTitle"); string(r.flowTitle)
        key("id"); string(r.id)
        key("schemaVersion"); integer(Int64(r.schemaVersion))
        key("startedAt"); timestamp(r.startedAt)
        key("state"); state(r.state)
        key("status"); string(r.status.rawValue)
        key("transcript"); array(r.transcript) { w, e in
            w.open(0x7B)
            w.key("speaker"); w.string(e.speaker.rawValue)
            w.key("text"); w.string(e.text)
            w.key("time"); w.timestamp(e.time)
            w.close(0x7D)
        }
        key("updatedAt"); timestamp(r.updatedAt)
        key("user"); string(r.user)
        close(0x7D)
    }

    mutating func state(_ s: SessionState) {
        open(0x7B)
        key("answers"); array(s.answers) { w, a in
            w.open(0x7B)
            w.key("flowID"); w.string(a.flowID)
            w.key("nodeID"); w.string(a.nodeID)
            w.key("question"); w.string(a.question)
            w.key("raw"); w.string(a.raw)
            w.key("value"); w.value(a.value)
            if let variable = a.variable { w.key("variable"); w.string(variable) }
            w.close(0x7D)
        }
        key("cursor"); cursor(s.cursor)
        if let explanation = s.explanation { key("explanation"); string(explanation) }
        key("flowHash"); string(s.flowHash)
        key("flowID"); string(s.flowID)
        if let followUp = s.followUp {
            key("followUp"); open(0x7B)
            if let answer = followUp.answer { key("answer"); string(answer.rawValue) }
            key("commitment"); commitment(followUp.commitment)
            key("waiting"); boolean(followUp.waiting)
            close(0x7D)
        }
        key("inputs"); array(s.inputs) { w, input in w.input(input) }
        if let lastText = s.lastText { key("lastText"); string(lastText) }
        key("listeners"); dictionary(s.listeners) { w, memory in
            w.open(0x7B)
            w.key("carried"); w.array(memory.carried) { w, remark in
                w.open(0x7B)
                w.key("days"); w.integer(Int64(remark.days))
                w.key("text"); w.string(remark.text)
                w.close(0x7D)
            }
            w.key("later"); w.array(memory.later) { w, remark in w.string(remark) }
            w.key("remarks"); w.array(memory.remarks) { w, remark in w.string(remark) }
            w.key("rotation"); w.dictionary(memory.rotation) { w, n in w.integer(Int64(n)) }
            w.close(0x7D)
        }
        key("loopPasses"); dictionary(s.loopPasses) { w, n in w.integer(Int64(n)) }
        key("questionsAdded"); integer(Int64(s.questionsAdded))
        key("questionsDone"); integer(Int64(s.questionsDone))
        key("random"); unsigned(s.random)
        key("reasks"); integer(Int64(s.reasks))
        key("safety"); open(0x7B)
        key("awaitingCheck"); boolean(s.safety.awaitingCheck)
        key("awaitingChoice"); boolean(s.safety.awaitingChoice)
        key("events"); array(s.safety.events) { w, e in
            w.open(0x7B)
            if let answer = e.answer { w.key("answer"); w.string(answer) }
            w.key("category"); w.string(e.category)
            if let choice = e.choice { w.key("choice"); w.string(choice) }
            if let concepts = e.concepts { w.key("concepts"); w.array(concepts) { w, c in w.string(c) } }
            w.key("inputIndex"); w.integer(Int64(e.inputIndex))
            if let node = e.nodeID { w.key("nodeID"); w.string(node) }
            if let rule = e.rule { w.key("rule"); w.string(rule) }
            if let screen = e.screen { w.key("screen"); w.string(screen) }
            if let tier = e.tier { w.key("tier"); w.string(tier.rawValue) }
            w.close(0x7D)
        }
        if let held = s.safety.heldLine { key("heldLine"); string(held) }
        close(0x7D)
        key("seed"); unsigned(s.seed)
        key("startVariables"); dictionary(s.startVariables) { w, v in w.value(v) }
        key("status"); string(s.status.rawValue)
        if let summary = s.summary {
            key("summary"); open(0x7B)
            if let intention = summary.intention { key("intention"); string(intention) }
            if let id = summary.nextStepID { key("nextStepID"); string(id) }
            if let text = summary.nextStepText { key("nextStepText"); string(text) }
            key("scores"); dictionary(summary.scores) { w, v in w.value(v) }
            key("text"); string(summary.text)
            close(0x7D)
        }
        key("variables"); dictionary(s.variables) { w, v in w.value(v) }
        if let waiting = s.waitingReflection { key("waitingReflection"); string(waiting) }
        if let why = s.why { key("why"); string(why) }
        close(0x7D)
    }

    mutating func commitment(_ c: Commitment) {
        open(0x7B)
        key("ageDays"); integer(Int64(c.ageDays))
        key("flowTitle"); string(c.flowTitle)
        key("kind"); string(c.kind.rawValue)
        key("sessionID"); string(c.sessionID)
        if let step = c.stepID { key("stepID"); string(step) }
        key("text"); string(c.text)
        close(0x7D)
    }

    mutating func cursor(_ c: Cursor) {
        open(0x7B)
        key("flowID"); string(c.flowID)
        if let node = c.node { key("node"); string(node) }
        key("returnStack"); array(c.returnStack) { w, frame in
            w.open(0x7B)
            w.key("flowID"); w.string(frame.flowID)
            if let node = frame.returnNode { w.key("returnNode"); w.string(node) }
            w.close(0x7D)
        }
        close(0x7D)
    }

    /// Synthesized enum coding: `{"line": {"_0": "…"}}`, `{"skip": {}}`, `{"finish": {}}`.
    mutating func input(_ input: Input) {
        open(0x7B)
        switch input {
        case .line(let text):
            key("line"); open(0x7B); key("_0"); string(text); close(0x7D)
        case .skip:
            key("skip"); open(0x7B); close(0x7D)
        case .finish:
            key("finish"); open(0x7B); close(0x7D)
        }
        close(0x7D)
    }

    mutating func value(_ v: Value) {
        switch v {
        case .null: append("null")
        case .bool(let b): boolean(b)
        case .number(let n): number(n)
        case .string(let s): string(s)
        case .list(let items): array(items) { w, item in w.value(item) }
        }
    }

    // MARK: JSON pieces

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        hasMember.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if hasMember.removeLast() { newline() }
        bytes.append(bracket)
    }

    /// Starts a member of the current container: comma, newline, indentation.
    private mutating func member() {
        if hasMember[hasMember.count - 1] { bytes.append(0x2C) }
        hasMember[hasMember.count - 1] = true
        newline()
    }

    /// A newline and 2 spaces per level, copied in one go.
    private static let indentation: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 128)

    private mutating func newline() {
        let count = min(1 + 2 * depth, SessionJSONWriter.indentation.count)
        SessionJSONWriter.indentation.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }

    /// A key of the record's own shape: plain ASCII, so no escaping.
    private mutating func key(_ name: StaticString) {
        member()
        bytes.append(0x22)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
        bytes.append(0x20)
    }

    /// A key from the data (variable and score names): escaped like any string.
    private mutating func key(dynamic name: String) {
        member()
        string(name)
        bytes.append(0x3A)
        bytes.append(0x20)
    }

    private mutating func array<T>(_ items: [T], _ element: (inout SessionJSONWriter, T) -> Void) {
        open(0x5B)
        for item in items {
            member()
            element(&self, item)
        }
        close(0x5D)
    }

    private mutating func dictionary<T>(_ items: [String: T], _ element: (inout SessionJSONWriter, T) -> Void) {
        open(0x7B)
        for name in items.keys.sorted() {
            guard let item = items[name] else { continue }
            key(dynamic: name)
            element(&self, item)
        }
        close(0x7D)
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func boolean(_ b: Bool) {
        if b { append("true") } else { append("false") }
    }

    private mutating func integer(_ n: Int64) {
        if n < 0 {
            bytes.append(0x2D)
            unsigned(n.magnitude)
        } else {
            unsigned(UInt64(n))
        }
    }

    /// Digits without building a String: counters and indices are written thousands of times.
    private mutating func unsigned(_ n: UInt64) {
        if n < 10 { return bytes.append(0x30 + UInt8(n)) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = n
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[19 - count] = 0x30 + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// `"2026-11-23T12:34:56.789Z"` written digit by digit.
    private mutating func timestamp(_ t: Timestamp) {
        let c = t.components
        bytes.append(0x22)
        fixed(c.year, 4); bytes.append(0x2D); fixed(c.month, 2); bytes.append(0x2D); fixed(c.day, 2)
        bytes.append(0x54)
        fixed(c.hour, 2); bytes.append(0x3A); fixed(c.minute, 2); bytes.append(0x3A); fixed(c.second, 2)
        bytes.append(0x2E); fixed(c.millisecond, 3)
        bytes.append(0x5A)
        bytes.append(0x22)
    }

    private mutating func fixed(_ value: Int, _ width: Int) {
        guard value >= 0, value < 10_000 else { return bytes.append(contentsOf: String(value).utf8) }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        if v >= divisor * 10 { return bytes.append(contentsOf: String(value).utf8) }
        while divisor > 0 {
            bytes.append(0x30 + UInt8(v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    /// Whole numbers without a fraction; others in Swift's shortest round-trip form. JSON has no
    /// NaN or infinity: they are written as null rather than failing the save.
    private mutating func number(_ n: Double) {
        guard n.isFinite else { return append("null") }
        if n == n.rounded(.towardZero), abs(n) < 9_007_199_254_740_992 {
            integer(Int64(n))
        } else {
            bytes.append(contentsOf: String(n).utf8)
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                start = i + 1
                bytes.append(0x5C)
                switch b {
                case 0x22: bytes.append(0x22)
                case 0x5C: bytes.append(0x5C)
                case 0x0A: bytes.append(0x6E)
                case 0x0D: bytes.append(0x72)
                case 0x09: bytes.append(0x74)
                default:
                    bytes.append(contentsOf: [0x75, 0x30, 0x30, SessionJSONWriter.hex[Int(b >> 4)], SessionJSONWriter.hex[Int(b & 0xF)]])
                }
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count])) }
        }
        bytes.append(0x22)
    }
}
