import Foundation
import GroundworkCore

/// How the journal's listening replies do on the labelled evaluation set (Tests/Corpora/listening):
/// the share of lines whose reply takes up the line's focus, defects, reflections against
/// questions, and reuse — for the tuning portion and the held-out one. A measurement, no target met
/// or missed here: the targets belong to the listening work (at least 90% addressed on the held-out
/// portion, no defect, reflections at least as many as questions).
struct ListeningBench {
    var folder: ScriptFolder
    var repository: String

    struct Example {
        var theme: String
        var feeling: String
        var focus: [String]
        var text: String

        /// Whether a lower-cased reply takes up one of the focus stems at the start of a word: a
        /// stem is a word's beginning ("angr" in "angry"), so "ai" is not found in "said" or "again".
        func isAddressed(by reply: String) -> Bool {
            focus.contains { stem in
                var rest = reply[...]
                while let found = rest.range(of: stem) {
                    if found.lowerBound == reply.startIndex { return true }
                    let before = reply[reply.index(before: found.lowerBound)]
                    if !before.isLetter && !before.isNumber { return true }
                    rest = reply[found.upperBound...]
                }
                return false
            }
        }
    }

    /// What kind of reply a line got, for the per-kind counts (aggregate figures, no line shown).
    static func kind(of reply: RuleReply) -> String {
        if reply.isFallback { return "fallback" }
        if reply.explanation.hasPrefix("echo") { return "echo" }
        if reply.keyword == nil { return "memory" }
        if reply.explanation.hasPrefix("feeling") || reply.explanation.hasPrefix("mixed") { return "feeling" }
        return "keyword"
    }

    func run() -> [Row] {
        let (loaded, errors) = folder.load(scripts: folder.scripts.filter { $0.path.hasSuffix("/rules/listening.yaml") })
        guard let rules = loaded.ruleSets["listening"] else {
            return [.skipped("listening: addressed", because: "no rule set 'listening': \(errors.first ?? "rules/listening.yaml missing")")]
        }
        var rows: [Row] = []
        for portion in ["tuning", "held-out"] {
            let examples = Self.load(repository + "/Tests/Corpora/listening/\(portion).tsv")
            guard !examples.isEmpty else {
                rows.append(.skipped("listening (\(portion)): addressed", because: "no lines in Tests/Corpora/listening/\(portion).tsv"))
                continue
            }
            var memory = ListenerMemory()
            var addressed = 0, questions = 0, defects = 0
            var uses: [String: Int] = [:]
            // Per reply kind and per theme: lines and lines addressed, so the held-out portion's
            // misses can be located without reading it.
            var byKind: [String: (Int, Int)] = [:], byTheme: [String: (Int, Int)] = [:], byFeeling: [String: (Int, Int)] = [:]
            for example in examples {
                let answer = rules.respond(to: example.text, memory: &memory)
                let reply = answer.text
                let lower = reply.lowercased()
                let hit = example.isAddressed(by: lower)
                if hit { addressed += 1 }
                let kind = Self.kind(of: answer)
                byKind[kind, default: (0, 0)].0 += 1
                byTheme[example.theme, default: (0, 0)].0 += 1
                byFeeling[example.feeling, default: (0, 0)].0 += 1
                if hit {
                    byFeeling[example.feeling, default: (0, 0)].1 += 1
                    byKind[kind, default: (0, 0)].1 += 1
                    byTheme[example.theme, default: (0, 0)].1 += 1
                }
                if reply.trimmingCharacters(in: .whitespaces).hasSuffix("?") { questions += 1 }
                if let defect = Self.defect(reply, input: example.text) {
                    defects += 1
                    note("listening defect (\(portion)): \(defect)")
                }
                uses[reply, default: 0] += 1
            }
            let reflections = examples.count - questions
            let share = Double(addressed) / Double(examples.count)
            let mostUsed = uses.values.max() ?? 0
            note("listening (\(portion)): \(examples.count) lines, \(addressed) addressed, \(reflections) reflections, "
                + "\(questions) questions, \(uses.count) distinct replies (one used \(mostUsed) times), \(defects) defects")
            note("listening (\(portion)) addressed by reply kind: "
                + byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.1)/\($0.value.0)" }.joined(separator: ", "))
            note("listening (\(portion)) addressed by labelled feeling: "
                + byFeeling.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.1)/\($0.value.0)" }.joined(separator: ", "))
            note("listening (\(portion)) addressed by theme: "
                + byTheme.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.1)/\($0.value.0)" }.joined(separator: ", "))
            rows.append(Row(figure: "listening (\(portion)): lines addressed", value: "\(Formatting.fixed(share * 100, 1))%",
                            target: portion == "held-out" ? "≥ 90% (issue 19)" : "", verdict: .info))
            rows.append(Row(figure: "listening (\(portion)): reflections : questions",
                            value: "\(reflections) : \(questions)", target: portion == "held-out" ? "≥ 1 : 1" : "", verdict: .info))
            rows.append(Row(figure: "listening (\(portion)): defects, most-used reply", value: "\(defects), \(mostUsed)×",
                            target: portion == "held-out" ? "0 defects" : "", verdict: .info))
        }
        return rows
    }

    /// The tuning portion's lines whose reply misses the focus, is a defect or is reused, one a line:
    /// what a rule author works from. Only the tuning portion: the held-out one is for figures alone.
    func misses() -> [String] {
        let (loaded, errors) = folder.load(scripts: folder.scripts.filter { $0.path.hasSuffix("/rules/listening.yaml") })
        guard let rules = loaded.ruleSets["listening"] else { return ["no rule set 'listening': \(errors.first ?? "rules/listening.yaml missing")"] }
        var memory = ListenerMemory()
        var lines: [String] = [], replies: [(String, String)] = []
        var uses: [String: Int] = [:]
        for example in Self.load(repository + "/Tests/Corpora/listening/tuning.tsv") {
            let answer = rules.respond(to: example.text, memory: &memory)
            let reply = answer.text
            replies.append((example.text, reply))
            uses[reply, default: 0] += 1
            if Self.kind(of: answer) != "keyword" && Self.kind(of: answer) != "feeling" {
                lines.append("\(Self.kind(of: answer))\t\(example.text)\t→ \(reply)")
            }
            if let defect = Self.defect(reply, input: example.text) { lines.append("defect\t\(defect)\t\(example.text)") }
            if !example.isAddressed(by: reply.lowercased()) {
                lines.append("miss\t\(example.focus.joined(separator: "|"))\t\(example.text)\t→ \(reply)\t[\(answer.explanation)]")
            }
        }
        for (text, reply) in replies where (uses[reply] ?? 0) > 2 { lines.append("reused \(uses[reply] ?? 0)×\t\(reply)\t\(text)") }
        return lines
    }

    static func load(_ path: String) -> [Example] {
        guard let text = try? ScriptFolder.read(path) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4 else { return nil }
            let focus = parts[2].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            return Example(theme: parts[0], feeling: parts[1], focus: focus, text: parts[3])
        }
    }

    /// What is wrong with a reply, if anything a reader would trip on: an echo of more than eight of
    /// the person's words in a row, a doubled word, "being …ing", "to have any(more)".
    static func defect(_ reply: String, input: String) -> String? {
        let words = { (text: String) in text.lowercased().split { !$0.isLetter && !$0.isNumber && $0 != "'" }.map(String.init) }
        let said = words(input), answered = words(reply)
        if said.count > 8 {
            let runs = Set((0...(said.count - 9)).map { said[$0..<($0 + 9)].joined(separator: " ") })
            if answered.count > 8, (0...(answered.count - 9)).contains(where: { runs.contains(answered[$0..<($0 + 9)].joined(separator: " ")) }) {
                return "long echo: \(reply)"
            }
        }
        for (a, b) in zip(answered, answered.dropFirst()) where a == b && a.count > 1 { return "doubled word '\(a)': \(reply)" }
        for (a, b) in zip(answered, answered.dropFirst()) where a == "being" && b.hasSuffix("ing") { return "'being \(b)': \(reply)" }
        if reply.lowercased().contains("to have anymore") || reply.lowercased().contains("to have any more") { return "'to have anymore': \(reply)" }
        return nil
    }
}
