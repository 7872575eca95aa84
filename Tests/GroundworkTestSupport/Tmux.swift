import Foundation
import Testing

/// A real terminal for one test: a tmux server on its own socket, killed afterwards.
public final class Tmux {
    public let socket = "gw-e2e-\(UUID().uuidString.prefix(8))"
    private let target = "t"

    /// Whether tmux is installed (`make test` installs it).
    public static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    /// Starts `command` (a shell command line) in a `width`×`height` terminal; its exit status is
    /// printed as `EXIT=n`. Fails with how to get them when the binary or tmux is missing, rather than skipping.
    public init(_ command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        try GroundworkBinary.requireBuilt()
        guard Tmux.available else { throw TestSupportError("the terminal tests need tmux: install it ('make test' does)") }
        let env = environment.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        let cache = "XDG_CACHE_HOME=\(shellQuote(GroundworkBinary.cacheHome)) XDG_CONFIG_HOME=\(shellQuote(GroundworkBinary.configHome))"
        let line = "env -u NO_COLOR -u GROUNDWORK_HOME \(cache) \(env) \(command); echo EXIT=$?; sleep 60"
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "-s", target, line])
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// Sends keys (tmux key names such as Enter, Tab, Up, C-c, C-d, BSpace, or literal text).
    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Sends literal text (no key-name lookup).
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", text])
    }

    /// A tmux format value of the pane, e.g. `#{pane_title}`.
    public func paneValue(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The screen's text; with `escapes`, colour and attribute escapes too.
    public func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
    }

    /// Waits until the screen contains `text`; returns the screen, or records an issue after `seconds`.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        Issue.record("timed out waiting for '\(text)'; the screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Runs tmux through `system`, which waits for the tmux client by its pid. (Foundation's `Process`
    /// waits for a descriptor that the server `new-session` starts inherits, so it would never return.)
    /// Waits until the last line on screen is the input prompt, so typed keys reach the line editor.
    @discardableResult
    public func waitForPrompt(seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            let lines = last.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if lines.last == ">" { return last }
            usleep(50_000)
        }
        Issue.record("timed out waiting for the prompt; the screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let line = (["tmux", "-L", socket] + arguments).map(shellQuote).joined(separator: " ")
            + " </dev/null >\(shellQuote(outPath)) 2>/dev/null"
        _ = system(line)
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }
}
