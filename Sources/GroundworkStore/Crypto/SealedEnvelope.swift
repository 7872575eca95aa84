/// The layout of an encrypted file. Everything before the ciphertext is authenticated (AES-GCM's
/// additional data), so no field can be changed without the file failing to open.
///
/// ```
/// "GROUNDWORK-SEALED\n"  18 bytes, so a person opening the file sees what it is
/// format                  1 byte (1)
/// key derivation          1 byte (1 = PBKDF2-HMAC-SHA256), rounds (4 bytes, big-endian), salt (16)
/// file salt               16 bytes, random per write: the file key is HKDF(user key, file salt)
/// nonce                   12 bytes, random per write
/// ciphertext              the plain file's length
/// tag                     16 bytes
/// ```
struct SealedEnvelope: Sendable, Hashable {
    static let magic: [UInt8] = Array("GROUNDWORK-SEALED\n".utf8)
    static let format: UInt8 = 1
    static let fileSaltSize = 16
    static let nonceSize = 12
    static let tagSize = 16
    static let headerSize = magic.count + 2 + 4 + KeyDerivation.saltSize + fileSaltSize + nonceSize

    var derivation: KeyDerivation
    var fileSalt: [UInt8]
    var nonce: [UInt8]
    var ciphertext: [UInt8]
    var tag: [UInt8]

    /// Whether `bytes` are a sealed file (by the magic prefix); plain JSON never starts so.
    static func isSealed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= magic.count && bytes.prefix(magic.count).elementsEqual(magic)
    }

    /// The authenticated header.
    var header: [UInt8] {
        var out = SealedEnvelope.magic
        out.reserveCapacity(SealedEnvelope.headerSize)
        out.append(SealedEnvelope.format)
        out.append(KeyDerivation.algorithmID)
        let rounds = UInt32(clamping: derivation.rounds)
        out += [UInt8(rounds >> 24 & 0xFF), UInt8(rounds >> 16 & 0xFF), UInt8(rounds >> 8 & 0xFF), UInt8(rounds & 0xFF)]
        out += derivation.salt
        out += fileSalt
        out += nonce
        return out
    }

    var bytes: [UInt8] { header + ciphertext + tag }

    /// Why `bytes` cannot be an envelope this build reads.
    enum Problem: Error, Sendable, Hashable {
        case truncated
        case newerFormat(UInt8)
    }

    /// Parses a sealed file (one for which `isSealed` holds).
    static func parse(_ bytes: [UInt8]) -> Result<SealedEnvelope, Problem> {
        guard bytes.count >= headerSize + tagSize else { return .failure(.truncated) }
        var at = magic.count
        let format = bytes[at]
        let algorithm = bytes[at + 1]
        guard format == SealedEnvelope.format, algorithm == KeyDerivation.algorithmID else {
            return .failure(.newerFormat(max(format, algorithm)))
        }
        at += 2
        let rounds = bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
        at += 4
        func take(_ n: Int) -> [UInt8] {
            defer { at += n }
            return Array(bytes[at..<at + n])
        }
        let salt = take(KeyDerivation.saltSize)
        let fileSalt = take(fileSaltSize)
        let nonce = take(nonceSize)
        let ciphertext = Array(bytes[at..<bytes.count - tagSize])
        let tag = Array(bytes[(bytes.count - tagSize)...])
        return .success(SealedEnvelope(derivation: KeyDerivation(rounds: rounds, salt: salt), fileSalt: fileSalt,
                                       nonce: nonce, ciphertext: ciphertext, tag: tag))
    }
}
