import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// The matcher's decisions pinned: a frozen copy of the net (`Tests/Corpora/safety/pinned`, not
/// the bundled file, which keeps changing) against what it decided for a sample of tuning lines
/// and typo, capital and punctuation variants of them before the matcher was made faster. A
/// change to how phrases match, however small, moves some tier, rule or explanation here.
@Suite struct SafetyDecisionTests {
    struct Decision: Sendable {
        var line: String
        var printed: String
    }

    static let loaded: (net: SafetyNet?, decisions: [Decision]) = {
        guard let text = try? Repository.read("Tests/Corpora/safety/pinned/safety.yaml"),
              let table = try? Repository.read("Tests/Corpora/safety/pinned/decisions.tsv") else { return (nil, []) }
        let (library, _) = ScriptLibrary.load(scripts: [SourceFile(path: "pinned/safety.yaml", text: text)], prompts: [])
        let decisions = table.split(separator: "\n").compactMap { row -> Decision? in
            guard !row.hasPrefix("#"), let tab = row.firstIndex(of: "\t") else { return nil }
            return Decision(line: String(row[..<tab]), printed: String(row[row.index(after: tab)...]))
        }
        return (library.safetyNet, decisions)
    }()

    /// As `groundwork safety` prints it: tier, category, rule, explanation.
    static func printed(_ found: SafetyNet.Assessment) -> String {
        "\(found.tier.rawValue)\t\(found.category.isEmpty ? "-" : found.category)\t\(found.rule.isEmpty ? "-" : found.rule)\t\(found.explanation)"
    }

    @Test func everyPinnedDecisionIsTheSame() throws {
        let net = try #require(Self.loaded.net)
        #expect(Self.loaded.decisions.count >= 800)
        var changed: [String] = []
        for decision in Self.loaded.decisions where Self.printed(net.assess(decision.line)) != decision.printed {
            changed.append("\(decision.line)\n  was: \(decision.printed)\n  now: \(Self.printed(net.assess(decision.line)))")
        }
        #expect(changed.isEmpty, "\(changed.count) decisions changed:\n\(changed.prefix(10).joined(separator: "\n"))")
    }

    /// The compiled program is stored with the net in the script cache: a net read back decides the same.
    @Test func aNetReadBackDecidesTheSame() throws {
        let net = try #require(Self.loaded.net)
        let copy = try JSONDecoder().decode(SafetyNet.self, from: JSONEncoder().encode(net))
        for decision in Self.loaded.decisions.prefix(200) {
            #expect(Self.printed(copy.assess(decision.line)) == decision.printed, "\(decision.line)")
        }
    }
}
