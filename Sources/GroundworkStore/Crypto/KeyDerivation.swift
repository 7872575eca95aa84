import Crypto
import _CryptoExtras

/// How a user's key is made from the passphrase: PBKDF2-HMAC-SHA256 with a random salt.
///
/// Run once per process (at unlock), so the count can be high; every write then costs only HKDF and
/// AES-GCM.
public struct KeyDerivation: Sendable, Hashable {
    /// OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023): about 0.3 s here, once per command.
    public static let defaultRounds = 600_000
    /// Lowest count a file may name; only tests use fewer than the default.
    public static let minimumRounds = 1_000
    /// Highest count a file may name, so a damaged or hostile file cannot stall the program for hours.
    public static let maximumRounds = 50_000_000
    static let saltSize = 16
    /// The one algorithm so far, as stored in files (a byte in sealed files, a name in the settings).
    static let algorithmID: UInt8 = 1
    static let algorithmName = "pbkdf2-sha256"

    public var rounds: Int
    public var salt: [UInt8]

    public init(rounds: Int, salt: [UInt8]) {
        self.rounds = rounds
        self.salt = salt
    }

    /// A fresh random salt.
    public static func random(rounds: Int = defaultRounds) -> KeyDerivation {
        KeyDerivation(rounds: rounds, salt: randomBytes(saltSize))
    }

    /// Whether the parameters are ones this build accepts.
    var isValid: Bool {
        salt.count == KeyDerivation.saltSize && (KeyDerivation.minimumRounds...KeyDerivation.maximumRounds).contains(rounds)
    }

    /// The 256-bit key for `passphrase`.
    func deriveKey(_ passphrase: [UInt8]) throws(StoreError) -> SymmetricKey {
        guard isValid else { throw .encryption("unsupported key derivation (\(rounds) rounds, \(salt.count)-byte salt)") }
        do {
            return try KDF.Insecure.PBKDF2.deriveKey(from: passphrase, salt: salt, using: .sha256,
                                                     outputByteCount: 32, unsafeUncheckedRounds: rounds)
        } catch {
            throw .encryption("key derivation failed")
        }
    }
}

/// Bytes from the system's secure random generator (getrandom), eight at a time.
func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 8)
    while bytes.count < count {
        withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
    }
    return Array(bytes.prefix(count))
}
