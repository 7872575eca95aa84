import Foundation

/// The checkout the tests run from, found once from this file's path, so suites read the bundled
/// `dialogues/`, `prompts/` and `docs/` in place (and never write there: see `Golden`).
public enum Repository {
    /// The package root (the folder holding `Package.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The absolute path of `relative` inside the checkout.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// The text of one file of the checkout (path relative to the root).
    public static func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }
}
