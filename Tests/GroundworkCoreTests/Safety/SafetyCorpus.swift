import Testing
import GroundworkTestSupport
@testable import GroundworkCore

/// The labelled safety corpus (`Tests/Corpora/safety`): a tuning portion, read while writing the
/// net's rules, and a held-out portion, only ever measured.
struct SafetyCorpus {
    struct Example: Sendable, CustomTestStringConvertible {
        var expect: SafetyNet.Tier
        var kind: String
        var person: String
        var text: String
        var testDescription: String { "\(kind): \(text)" }
    }

    /// Recall and false alarms, per kind and in all.
    struct Report {
        var positives = 0, caught = 0, negatives = 0, alarms = 0, checks = 0
        var kinds: [String: Report] = [:]

        var recall: Double { positives == 0 ? 1 : Double(caught) / Double(positives) }
        var alarmRate: Double { negatives == 0 ? 0 : Double(alarms) / Double(negatives) }
        var checkRate: Double { negatives == 0 ? 0 : Double(checks) / Double(negatives) }

        mutating func add(_ example: Example, _ found: SafetyNet.Tier, perKind: Bool = true) {
            if example.expect == .none {
                negatives += 1
                if found == .crisis { alarms += 1 }
                if found == .check { checks += 1 }
            } else {
                positives += 1
                if found != .none { caught += 1 }
            }
            if perKind { kinds[example.kind, default: Report()].add(example, found, perKind: false) }
        }

        func text(_ title: String) -> String {
            var out = "\(title): recall \(caught)/\(positives) (\(percent(recall))); of \(negatives) negatives, "
                + "full alarm \(alarms) (\(percent(alarmRate))), gentle check \(checks) (\(percent(checkRate)))"
            for (kind, report) in kinds.sorted(by: { $0.key < $1.key }) {
                out += "\n  \(kind.padding(toLength: 16, withPad: " ", startingAt: 0))"
                out += report.positives > 0 ? " caught \(report.caught)/\(report.positives)" : " -"
                out += report.negatives > 0 ? "; negatives \(report.negatives): alarm \(report.alarms), check \(report.checks)" : ""
            }
            return out
        }

        private func percent(_ x: Double) -> String {
            let tenths = Int((x * 1000).rounded())
            return "\(tenths / 10).\(tenths % 10)%"
        }
    }

    static func load(_ portion: String) throws -> [Example] {
        let text = try Repository.read("Tests/Corpora/safety/\(portion).tsv")
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let tier = SafetyNet.Tier(rawValue: parts[0]) else { return nil }
            return Example(expect: tier, kind: parts[1], person: parts[2], text: parts[3])
        }
    }

    static let tuning: [Example] = (try? load("tuning")) ?? []
    static let heldOut: [Example] = (try? load("held-out")) ?? []
}
