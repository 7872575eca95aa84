import Foundation
import GroundworkCore

/// One thing to fuzz: runs an input in-process and returns what it saw (diagnostic kinds, reply
/// kinds), which the harness treats as coverage: an input that shows something new is kept.
struct FuzzTarget: Sendable {
    var name: String
    /// Fragments the mutator inserts: the target's keywords and syntax.
    var dictionary: [String]
    var maxLength: Int
    var run: @Sendable ([UInt8]) -> [String]
}

extension FuzzTarget {
    /// A diagnostic's message with quoted tokens and numbers blanked, so it names a kind of problem.
    static func feature(_ message: String) -> String {
        var text = message
        if let first = text.firstIndex(of: "'"), let last = text.lastIndex(of: "'"), first < last {
            text.replaceSubrange(first...last, with: "'…'")
        }
        return String(text.map { $0.isNumber ? "#" : $0 })
    }

    /// Input bytes as text; invalid UTF-8 is repaired the way the app repairs what it reads.
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

/// The prompt templates under `folder`, named by their path without extension, as the app names them.
func bundledPrompts(in folder: String) -> [(name: String, file: SourceFile)] {
    let files = FileManager.default
    guard let enumerator = files.enumerator(atPath: folder) else { return [] }
    var prompts: [(name: String, file: SourceFile)] = []
    for case let relative as String in enumerator where relative.hasSuffix(".mustache") {
        let path = folder + "/" + relative
        guard let data = files.contents(atPath: path) else { continue }
        prompts.append((String(relative.dropLast(".mustache".count)), SourceFile(path: path, text: String(decoding: data, as: UTF8.self))))
    }
    return prompts.sorted { $0.name < $1.name }
}

/// The file at `path` as a `SourceFile`, nil when it cannot be read.
func sourceFile(at path: String) -> SourceFile? {
    FileManager.default.contents(atPath: path).map { SourceFile(path: path, text: String(decoding: $0, as: UTF8.self)) }
}
