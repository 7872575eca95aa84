import Testing
@testable import GroundworkCore
import GroundworkTestSupport

/// The everyday task phrasings (`Tests/Corpora/tasks`): how people describe their week in the
/// career check-in, each labelled E0, E1 or E2 by the rubric before the classifier was run on it,
/// split by hash before any tuning. The tuning portion is read while writing the phrases; the
/// held-out portion is only ever measured (its figures per kind at most).
struct TaskPhrasingCorpus {
    struct Example: Sendable, CustomTestStringConvertible {
        var label: ExposureLabel
        var occupation: String
        var kind: String
        var text: String
        var testDescription: String { "\(kind): \(text)" }
    }

    /// Agreement in all and per kind.
    struct Report {
        var total = 0, agreed = 0
        var kinds: [String: (total: Int, agreed: Int)] = [:]

        var agreement: Double { total == 0 ? 0 : Double(agreed) / Double(total) }

        mutating func add(_ example: Example, _ found: ExposureLabel) {
            total += 1
            let hit = found == example.label
            if hit { agreed += 1 }
            let kind = kinds[example.kind] ?? (0, 0)
            kinds[example.kind] = (kind.total + 1, kind.agreed + (hit ? 1 : 0))
        }

        func text(_ title: String) -> String {
            let tenths = Int((agreement * 1000).rounded())
            var out = "\(title): \(agreed)/\(total) agree (\(tenths / 10).\(tenths % 10)%)"
            for (kind, counts) in kinds.sorted(by: { $0.key < $1.key }) {
                out += "\n  \(kind.padding(toLength: 12, withPad: " ", startingAt: 0)) \(counts.agreed)/\(counts.total)"
            }
            return out
        }
    }

    static func load(_ portion: String) throws -> [Example] {
        let text = try Repository.read("Tests/Corpora/tasks/\(portion).tsv")
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let label = ExposureLabel(rawValue: parts[0]) else { return nil }
            return Example(label: label, occupation: parts[1], kind: parts[2], text: parts[3])
        }
    }

    static let tuning: [Example] = (try? load("tuning")) ?? []
    static let heldOut: [Example] = (try? load("held-out")) ?? []
}
