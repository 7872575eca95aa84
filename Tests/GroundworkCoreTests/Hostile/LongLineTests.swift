import Foundation
import Testing
@testable import GroundworkCore

/// Matching is linear in the line's length (issue 12, item 9): the bundled listening set and the
/// safety net on lines of 100 KB, 1 MB and (with GROUNDWORK_PERF=1) 10 MB, far past the 64 KiB a
/// line may be. The check is a ratio, so a loaded machine or a debug build does not make it fail.
@Suite struct LongLineTests {
    static let library: ScriptLibrary = {
        let files = [RulesBundledTests.file("listening.yaml"), RulesBundledTests.file("safety.yaml")]
        return ScriptLibrary.load(scripts: files, prompts: []).0
    }()

    static func line(bytes: Int) -> String {
        let sentence = "i remember my mother and i feel sad because "
        return String(String(repeating: sentence, count: bytes / sentence.utf8.count + 1).prefix(bytes))
    }

    static func seconds(_ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static var perf: Bool { ProcessInfo.processInfo.environment["GROUNDWORK_PERF"] == "1" }
    /// The listening set is quick: 100 KB and 1 MB always, 10 MB too with GROUNDWORK_PERF=1.
    static var listeningSizes: [Int] { perf ? [100_000, 1_000_000, 10_000_000] : [100_000, 1_000_000] }
    /// The safety net reads every word in windows, about 18 µs a byte in a debug build: 30 KB and
    /// 300 KB always (a few seconds), 1 MB and 10 MB with GROUNDWORK_PERF=1 (about 3 minutes).
    static var safetySizes: [Int] { perf ? [100_000, 1_000_000, 10_000_000] : [30_000, 300_000] }

    @Test func theListeningMatcherIsLinear() throws {
        let set = try #require(Self.library.ruleSets["listening"])
        let sizes = Self.listeningSizes
        var times: [Double] = []
        for size in sizes {
            let line = Self.line(bytes: size)
            var memory = ListenerMemory()
            var reply: RuleReply?
            times.append(Self.seconds { reply = set.respond(to: line, memory: &memory) })
            #expect(reply?.text.isEmpty == false)
        }
        print("listening: \(zip(sizes, times).map { "\($0) bytes \(String(format: "%.3f", $1)) s" }.joined(separator: ", "))")
        for (small, large) in zip(times, times.dropFirst()) { #expect(large < 20 * max(small, 0.01)) }
    }

    @Test func theSafetyNetIsLinear() throws {
        let net = try #require(Self.library.safetyNet)
        let sizes = Self.safetySizes
        var times: [Double] = []
        for size in sizes {
            let line = Self.line(bytes: size)
            var tier: SafetyNet.Tier?
            times.append(Self.seconds { tier = net.assess(line).tier })
            #expect(tier == SafetyNet.Tier.none)
        }
        print("safety: \(zip(sizes, times).map { "\($0) bytes \(String(format: "%.3f", $1)) s" }.joined(separator: ", "))")
        for (small, large) in zip(times, times.dropFirst()) { #expect(large < 20 * max(small, 0.01)) }
    }
}
