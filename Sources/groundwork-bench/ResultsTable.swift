import Foundation

/// The results table from the rows file: aligned plain text for the terminal, or Markdown for
/// docs/benchmarks.md and the README.
struct ResultsTable {
    static let header = ["Figure", "Measured", "Target", "Result"]
    var rows: [[String]]

    /// Reads `figure<TAB>value<TAB>target<TAB>verdict` lines; blank lines are skipped.
    init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BenchError("cannot read rows file '\(path)'")
        }
        rows = text.split(separator: "\n").map { line in
            var fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            while fields.count < 4 { fields.append("") }
            return Array(fields.prefix(4))
        }
    }

    /// Columns padded to their widest cell (counted in characters, so `µ` and `≥` line up).
    var plain: String {
        let all = [Self.header] + rows
        let widths = (0..<4).map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count) }
                .joined(separator: "  ").trimmingTrailingWhitespace
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(Self.header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown table.
    var markdown: String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.isEmpty ? " " : $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        return ([line(Self.header), "|---|--:|---|---|"] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    /// The string without trailing spaces.
    var trimmingTrailingWhitespace: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
