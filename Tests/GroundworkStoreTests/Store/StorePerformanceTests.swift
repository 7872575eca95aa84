import Foundation
import Testing
import GroundworkTestSupport
@testable import GroundworkStore

/// Timings for the benchmark issue's targets. Run with `GROUNDWORK_PERF=1 swift test -c release
/// --filter StorePerformance`; debug builds are several times slower than the targets allow.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["GROUNDWORK_PERF"] != nil))
struct StorePerformanceTests {
    @Test func encodeA500TurnSession() throws {
        let record = Samples.record(answers: 500)
        let codec = SessionCodec()
        _ = try codec.encode(record)
        let runs = 200
        let elapsed = try ContinuousClock().measure { for _ in 0..<runs { _ = try codec.encode(record) } } / runs
        print("encode 500-turn session: \(elapsed) (\(try codec.encode(record).count) bytes)")
        #expect(elapsed < .milliseconds(1))
    }

    /// Encryption's per-turn cost: HKDF and AES-GCM over a 500-turn session (the key is derived once).
    @Test func sealA500TurnSession() throws {
        let bytes = try SessionCodec().encode(Samples.record(answers: 500))
        let key = try UserKey(user: "ada", passphrase: "pass phrase", derivation: .random(rounds: KeyDerivation.minimumRounds))
        _ = try key.seal(bytes, path: "")
        let runs = 100
        let seal = try ContinuousClock().measure { for _ in 0..<runs { _ = try key.seal(bytes, path: "") } } / runs
        let sealed = try key.seal(bytes, path: "")
        let open = try ContinuousClock().measure { for _ in 0..<runs { _ = try key.open(sealed, path: "") } } / runs
        let derive = try ContinuousClock().measure { _ = try KeyDerivation.random().deriveKey(Array("pass phrase".utf8)) }
        print("seal 500-turn session (\(bytes.count) bytes): \(seal), open: \(open); key derivation (600,000 rounds): \(derive)")
        #expect(seal < .milliseconds(1))
    }

    @Test func historyOver1000Sessions() throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ada"))
        try DurableFile().makeFolders(store.sessionsFolder)
        let codec = SessionCodec()
        for i in 0..<1000 {
            let start = Timestamp(millisecondsSince1970: Samples.start.millisecondsSince1970 + Int64(i) * 86_400_000)
            let record = Samples.record(answers: 40, completed: i % 3 != 0, exposure: Double(i % 100), start: start,
                                        id: String(format: "%012x", i))
            // Plain writes: the durable path's fsyncs are not what is measured here.
            _ = FileManager.default.createFile(atPath: store.path(of: record.fileName), contents: Data(try codec.encode(record)))
        }
        let clock = ContinuousClock()
        var text = ""
        let cold = try clock.measure { text = HistoryReport.text(try store.headers().items) }
        let warm = try clock.measure { text = HistoryReport.text(try store.headers().items) }
        print("history over 1000 sessions of 40 turns: \(warm) with the header index, \(cold) without (\(text.count) characters)")
        #expect(warm < .milliseconds(200))
        let listing = try store.headers()
        let names = try clock.measure { _ = try store.sessionFileNames() }
        let index = clock.measure { _ = SessionIndex.load(folder.location.indexFile(store.user), fileSystem: PosixFileSystem()) }
        let stats = try clock.measure { for name in try store.sessionFileNames() { _ = try PosixFileSystem().status(store.path(of: name)) } }
        let report = clock.measure { _ = HistoryReport.text(listing.items) }
        print("names \(names), index \(index), stats \(stats), report \(report)")
    }
}
