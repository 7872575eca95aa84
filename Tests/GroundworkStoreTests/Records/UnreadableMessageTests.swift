import Foundation
import Testing
import GroundworkTestSupport
import GroundworkCore
@testable import GroundworkStore

/// Messages that say what is wrong with a file (issue 12, item 11): random bytes are not called
/// truncated, a damaged encrypted header is not called truncated or newer, and `summary ID` on a
/// damaged file says it is damaged, not that there is no such session.
@Suite struct UnreadableMessageTests {
    /// Bytes from a fixed generator (SplitMix64), so the case is the same every run.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    static let key: UserKey = {
        // Few rounds keep the test fast; nothing else depends on the count.
        (try? UserKey(user: "ana", passphrase: "correct horse", derivation: .random(rounds: KeyDerivation.minimumRounds)))
            ?? { fatalError("test key") }()
    }()

    static var sealed: [UInt8] { (try? key.seal(Array(#"{"schemaVersion": 2}"#.utf8), path: "/any.json")) ?? [] }

    enum Damage: String, CaseIterable, Sendable {
        case randomBytes, randomBytesStartingWithABrace, textThatIsNotJSON, magicByteFlipped, magicTwoBytesFlipped
        case formatByteFlipped, lengthHighByteFlipped, cutShort

        var bytes: [UInt8] {
            var bytes = UnreadableMessageTests.sealed
            switch self {
            case .randomBytes: return UnreadableMessageTests.noise(4096, seed: 1).map { $0 == 0x7B ? 0x00 : $0 }
            case .randomBytesStartingWithABrace: return [0x7B] + UnreadableMessageTests.noise(4096, seed: 2)
            case .textThatIsNotJSON: return Array("Dear diary, today I did not write JSON {".utf8)
            case .magicByteFlipped: bytes[3] ^= 0x20
            case .magicTwoBytesFlipped: bytes[0] ^= 0x01; bytes[12] ^= 0x40
            case .formatByteFlipped: bytes[SealedEnvelope.magic.count] = 0x81
            case .lengthHighByteFlipped: bytes[SealedEnvelope.headerSize - 8] ^= 0x10
            case .cutShort: bytes.removeLast(20)
            }
            return bytes
        }

        var reason: String {
            switch self {
            case .randomBytes, .randomBytesStartingWithABrace:
                return "not a groundwork session: not JSON text (\(bytes.count) bytes of binary data or other text)"
            case .textThatIsNotJSON:
                return "not a groundwork session: not JSON text (\(bytes.count) bytes of binary data or other text)"
            case .magicByteFlipped, .magicTwoBytesFlipped:
                return "damaged or altered: an encrypted file whose first line no longer reads 'GROUNDWORK-SEALED'"
            case .formatByteFlipped:
                return "encryption format 129, which this groundwork cannot read: damaged or altered, or written by a newer groundwork"
            case .lengthHighByteFlipped:
                return "damaged or altered: the encrypted header gives a length of"
            case .cutShort:
                return "truncated: the encrypted file ends part-way through"
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func eachDamageIsNamedForWhatItIs(_ damage: Damage) throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ana"), key: Self.key)
        let writer = try store.lockForWriting()
        let record = try writer.createSession(flowID: "mini", flowTitle: "Mini", flowHash: "", state: SessionState(flowID: "mini", flowHash: "", seed: 1))
        let path = store.path(of: record.fileName)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(damage.bytes)))
        let error = #expect(throws: StoreError.self) { try store.load(fileName: record.fileName) }
        guard case .unreadable(let file)? = error else {
            Issue.record("\(damage): \(String(describing: error))")
            return
        }
        #expect(file.path == path)
        #expect(file.reason.hasPrefix(damage.reason), "\(damage): \(file.reason)")
        #expect(!file.reason.contains("truncated") || damage == .cutShort, "\(damage): \(file.reason)")
    }

    @Test(arguments: ["id", "prefix", "fileName"])
    func findingADamagedSessionSaysItIsDamaged(_ form: String) throws {
        let folder = try TemporaryFolder()
        let store = UserStore(location: folder.location, user: try UserName("ana"))
        let writer = try store.lockForWriting()
        let record = try writer.createSession(flowID: "mini", flowTitle: "Mini", flowHash: "", state: SessionState(flowID: "mini", flowHash: "", seed: 1))
        let path = store.path(of: record.fileName)
        folder.write("{\"schemaVersion\": 2, \"id\": \"", to: path)
        let reference = form == "id" ? record.id : form == "prefix" ? String(record.id.prefix(6)) : record.fileName
        let error = #expect(throws: StoreError.self) { try store.find(reference) }
        #expect(error?.description.hasPrefix("cannot read '\(path)': truncated") == true, "\(String(describing: error))")
        // A reference that matches nothing is still 'no session'.
        #expect(throws: StoreError.sessionNotFound("ffffffff")) { try store.find("ffffffff") }
    }
}
