/// The layout of an encrypted file. Everything before the ciphertext is authenticated (AES-GCM's
/// additional data), so no field can be changed without the file failing to open.
///
/// ```
/// "GROUNDWORK-SEALED\n"  18 bytes, so a person opening the file sees what it is
/// format                  1 byte (1)
/// key derivation          1 byte (1 = PBKDF2-HMAC-SHA256), rounds (4 bytes, big-endian), salt (16)
/// file salt               16 bytes, random per write: the file key is HKDF(user key, file salt)
/// nonce                   12 bytes, random per write
/// length                  8 bytes, big-endian: the ciphertext's length, so a cut file says so
/// ciphertext              the plain file's length
/// tag                     16 bytes
/// ```
struct SealedEnvelope: Sendable, Hashable {
    static let magic: [UInt8] = Array("GROUNDWORK-SEALED\n".utf8)
    static let format: UInt8 = 1
    static let fileSaltSize = 16
    static let nonceSize = 12
    static let tagSize = 16
    static let headerSize = magic.count + 2 + 4 + KeyDerivation.saltSize + fileSaltSize + nonceSize + 8

    var derivation: KeyDerivation
    var fileSalt: [UInt8]
    var nonce: [UInt8]
    var ciphertext: [UInt8]
    var tag: [UInt8]

    /// Whether `bytes` are a sealed file (by the magic prefix); plain JSON never starts so.
    static func isSealed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= magic.count && bytes.prefix(magic.count).elementsEqual(magic)
    }

    /// Whether `bytes` begin with the magic line changed in a few bytes: a sealed file damaged at
    /// its very start (plain JSON begins with `{`, far from it).
    static func isDamagedMagic(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= magic.count, !isSealed(bytes) else { return false }
        let differing = zip(bytes.prefix(magic.count), magic).filter { $0 != $1 }.count
        return differing <= 4
    }

    /// The authenticated header.
    var header: [UInt8] { header(length: ciphertext.count) }

    /// The header for a ciphertext of `length` bytes (AES-GCM's is the plain text's length).
    func header(length: Int) -> [UInt8] {
        var out = SealedEnvelope.magic
        out.reserveCapacity(SealedEnvelope.headerSize)
        out.append(SealedEnvelope.format)
        out.append(KeyDerivation.algorithmID)
        let rounds = UInt32(clamping: derivation.rounds)
        out += [UInt8(rounds >> 24 & 0xFF), UInt8(rounds >> 16 & 0xFF), UInt8(rounds >> 8 & 0xFF), UInt8(rounds & 0xFF)]
        out += derivation.salt
        out += fileSalt
        out += nonce
        let count = UInt64(length)
        out += (0..<8).map { UInt8(truncatingIfNeeded: count >> (56 - 8 * $0)) }
        return out
    }

    var bytes: [UInt8] { header + ciphertext + tag }

    /// Why `bytes` cannot be an envelope this build reads.
    enum Problem: Error, Sendable, Hashable {
        case truncated
        case newerFormat(UInt8)
        /// Bytes after the end the header declares.
        case trailingBytes
        /// A declared length no file of the store can have.
        case impossibleLength(UInt64)
    }

    /// Parses a sealed file (one for which `isSealed` holds).
    static func parse(_ bytes: [UInt8]) -> Result<SealedEnvelope, Problem> {
        guard bytes.count >= magic.count + 2 else { return .failure(.truncated) }
        var at = magic.count
        let format = bytes[at]
        let algorithm = bytes[at + 1]
        guard format == SealedEnvelope.format, algorithm == KeyDerivation.algorithmID else {
            return .failure(.newerFormat(max(format, algorithm)))
        }
        guard bytes.count >= headerSize + tagSize else { return .failure(.truncated) }
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
        let declared = bytes[at..<at + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        at += 8
        let available = UInt64(bytes.count - at - tagSize)
        // A length past anything the store writes is a damaged header, not a file cut short.
        if declared > UInt64(StoreLimits.maximumFileSize) { return .failure(.impossibleLength(declared)) }
        if declared > available { return .failure(.truncated) }
        if declared < available { return .failure(.trailingBytes) }
        let ciphertext = Array(bytes[at..<bytes.count - tagSize])
        let tag = Array(bytes[(bytes.count - tagSize)...])
        return .success(SealedEnvelope(derivation: KeyDerivation(rounds: rounds, salt: salt), fileSalt: fileSalt,
                                       nonce: nonce, ciphertext: ciphertext, tag: tag))
    }
}
