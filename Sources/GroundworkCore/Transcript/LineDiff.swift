/// A line diff in unified style, each line marked with its line number, for transcript failures.
enum LineDiff {
    /// Lines of context shown around each change.
    static let context = 2
    /// Beyond this many cells the diff falls back to showing the rest as replaced, to stay bounded.
    static let maxCells = 4_000_000

    private enum Op: Equatable {
        case same(Int, Int)
        case removed(Int)
        case added(Int)
    }

    /// ```
    /// path: transcript differs (- expected, + actual)
    /// @@ expected line 12, actual line 12 @@
    ///  11 | > 5
    /// -12 | (question 2 of 3)
    /// +12 | (question 3 of 3)
    /// ```
    static func unified(expected: [Transcript.Line], actual: [Transcript.Line], path: String) -> String {
        let ops = diff(expected.map(\.text), actual.map(\.text))
        var out = ["\(path): transcript differs (- expected, + actual)"]
        let width = String(max(expected.last?.number ?? 0, actual.last?.number ?? 0)).count
        func number(_ n: Int) -> String {
            let digits = String(n)
            return String(repeating: " ", count: max(0, width - digits.count)) + digits
        }
        let changed = ops.indices.filter { if case .same = ops[$0] { return false } else { return true } }
        var index = 0
        while index < changed.count {
            // Group changes whose context windows touch into one hunk.
            let lower = max(0, changed[index] - context)
            var end = index
            while end + 1 < changed.count, changed[end + 1] - changed[end] <= 2 * context + 1 { end += 1 }
            let upper = min(ops.count - 1, changed[end] + context)
            let (e, a) = position(expected: expected, actual: actual, ops: ops, at: lower)
            out.append("@@ expected line \(e), actual line \(a) @@")
            for op in ops[lower...upper] {
                switch op {
                case .same(let i, _): out.append(" \(number(expected[i].number)) | \(expected[i].text)")
                case .removed(let i): out.append("-\(number(expected[i].number)) | \(expected[i].text)")
                case .added(let j): out.append("+\(number(actual[j].number)) | \(actual[j].text)")
                }
            }
            index = end + 1
        }
        return out.joined(separator: "\n")
    }

    /// Where a hunk starts in each file (the next line number when the side has no line there).
    private static func position(expected: [Transcript.Line], actual: [Transcript.Line], ops: [Op], at: Int) -> (Int, Int) {
        var e: Int?
        var a: Int?
        for op in ops[at...] {
            switch op {
            case .same(let i, let j):
                if e == nil { e = expected[i].number }
                if a == nil { a = actual[j].number }
            case .removed(let i): if e == nil { e = expected[i].number }
            case .added(let j): if a == nil { a = actual[j].number }
            }
            if e != nil, a != nil { break }
        }
        return (e ?? (expected.last.map { $0.number + 1 } ?? 1), a ?? (actual.last.map { $0.number + 1 } ?? 1))
    }

    /// Longest-common-subsequence edit script, after trimming the common prefix and suffix.
    private static func diff(_ x: [String], _ y: [String]) -> [Op] {
        var prefix = 0
        while prefix < x.count, prefix < y.count, x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix, suffix < y.count - prefix, x[x.count - 1 - suffix] == y[y.count - 1 - suffix] { suffix += 1 }
        var ops: [Op] = (0..<prefix).map { .same($0, $0) }
        let xs = Array(x[prefix..<(x.count - suffix)])
        let ys = Array(y[prefix..<(y.count - suffix)])
        let n = xs.count
        let m = ys.count
        if n * m > maxCells || n == 0 || m == 0 {
            ops += (0..<n).map { .removed(prefix + $0) }
            ops += (0..<m).map { .added(prefix + $0) }
        } else {
            // lengths[i][j] = LCS of xs[i...] and ys[j...], flattened.
            var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lengths[i * (m + 1) + j] = xs[i] == ys[j]
                        ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                        : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < n || j < m {
                if i < n, j < m, xs[i] == ys[j] {
                    ops.append(.same(prefix + i, prefix + j)); i += 1; j += 1
                } else if i < n, j == m || lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1] {
                    ops.append(.removed(prefix + i)); i += 1
                } else {
                    ops.append(.added(prefix + j)); j += 1
                }
            }
        }
        let shift = x.count - suffix
        let shiftY = y.count - suffix
        ops += (0..<suffix).map { .same(shift + $0, shiftY + $0) }
        return ops
    }
}
