/// The layout of an encrypted file. Everything before the ciphertext is authenticated (AES-GCM's
/// additional data), so no field can be changed without the file failing to open.
///
/// ```
/// "GROUNDWORK-SEALED\n"  18 bytes, so a person opening the file sees what it is
/// format                  1 byte: 2 (1 in files sealed before names were bound; still read)
/// key derivation          1 byte (1 = PBKDF2-HMAC-SHA256), rounds (4 bytes, big-endian), salt (16)
/// file salt               16 bytes, random per write: the file key is HKDF(user key, file salt)
/// nonce                   12 bytes, random per write
/// length                  8 bytes, big-endian: the ciphertext's length, so a cut file says so
/// binding (format 2)      2 bytes, big-endian, then that many bytes of UTF-8: the user, a NUL, and
///                         the file's name (`sessions/…json` is sealed as its file name), so a file
///                         swapped with another or copied under another name or user fails to open
/// ciphertext              the plain file's length
/// tag                     16 bytes
/// ```
struct SealedEnvelope: Sendable, Hashable {
    static let magic: [UInt8] = Array("GROUNDWORK-SEALED\n".utf8)
    /// The format written: 2, with the binding.
    static let format: UInt8 = 2
    /// The format of files sealed before the binding, still read.
    static let unboundFormat: UInt8 = 1
    /// Longest binding accepted (a user name is at most 64 bytes, a file name far below 255).
    static let maximumBinding = 1_024
    static let fileSaltSize = 16
    static let nonceSize = 12
    static let tagSize = 16
    static let headerSize = magic.count + 2 + 4 + KeyDerivation.saltSize + fileSaltSize + nonceSize + 8

    /// 1 or 2.
    var format: UInt8 = SealedEnvelope.format
    var derivation: KeyDerivation
    /// The user and file name the file was sealed for (format 2); nil in format 1.
    var binding: Binding?
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
        out.reserveCapacity(SealedEnvelope.headerSize + 2 + (binding?.bytes.count ?? 0))
        out.append(format)
        out.append(KeyDerivation.algorithmID)
        let rounds = UInt32(clamping: derivation.rounds)
        out += [UInt8(rounds >> 24 & 0xFF), UInt8(rounds >> 16 & 0xFF), UInt8(rounds >> 8 & 0xFF), UInt8(rounds & 0xFF)]
        out += derivation.salt
        out += fileSalt
        out += nonce
        let count = UInt64(length)
        out += (0..<8).map { UInt8(truncatingIfNeeded: count >> (56 - 8 * $0)) }
        if format >= 2, let binding {
            let bytes = binding.bytes
            out += [UInt8(bytes.count >> 8 & 0xFF), UInt8(bytes.count & 0xFF)] + bytes
        }
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
        /// A binding that is not a user and a name.
        case badBinding
    }

    /// Parses a sealed file (one for which `isSealed` holds).
    static func parse(_ bytes: [UInt8]) -> Result<SealedEnvelope, Problem> {
        guard bytes.count >= magic.count + 2 else { return .failure(.truncated) }
        var at = magic.count
        let format = bytes[at]
        let algorithm = bytes[at + 1]
        guard format == SealedEnvelope.format || format == SealedEnvelope.unboundFormat, algorithm == KeyDerivation.algorithmID else {
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
        var binding: Binding?
        if format >= 2 {
            guard bytes.count >= at + 2 + tagSize else { return .failure(.truncated) }
            let count = Int(bytes[at]) << 8 | Int(bytes[at + 1])
            at += 2
            if count > maximumBinding { return .failure(.badBinding) }
            guard bytes.count >= at + count + tagSize else { return .failure(.truncated) }
            guard let parsed = Binding(Array(bytes[at..<at + count])) else { return .failure(.badBinding) }
            binding = parsed
            at += count
        }
        let available = UInt64(bytes.count - at - tagSize)
        // A length past anything the store writes is a damaged header, not a file cut short.
        if declared > UInt64(StoreLimits.maximumFileSize) { return .failure(.impossibleLength(declared)) }
        if declared > available { return .failure(.truncated) }
        if declared < available { return .failure(.trailingBytes) }
        let ciphertext = Array(bytes[at..<bytes.count - tagSize])
        let tag = Array(bytes[(bytes.count - tagSize)...])
        return .success(SealedEnvelope(format: format, derivation: KeyDerivation(rounds: rounds, salt: salt), binding: binding,
                                       fileSalt: fileSalt, nonce: nonce, ciphertext: ciphertext, tag: tag))
    }
}

extension SealedEnvelope {
    /// Whom and under which name a file was sealed: authenticated with the file, so a swap or a copy
    /// under another name or user is told apart from damage.
    struct Binding: Sendable, Hashable {
        var user: String
        var name: String

        /// The binding for a file at `path` of `user`: the name is the file's own name (the last part
        /// of the path), the part that differs between two sessions of one user.
        init(user: String, path: String) {
            self.user = user
            self.name = String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        }

        init?(_ bytes: [UInt8]) {
            guard let nul = bytes.firstIndex(of: 0),
                  let user = String(validating: bytes[..<nul], as: UTF8.self),
                  let name = String(validating: bytes[(nul + 1)...], as: UTF8.self) else { return nil }
            self.user = user
            self.name = name
        }

        var bytes: [UInt8] { Array(user.utf8) + [0] + Array(name.utf8) }

        /// Whether a file bound so may be read at `other`: the same name, or a copy the store makes of
        /// it under a longer name (`<name>.v1.bak`, a second `quarantine/<name>.2`).
        func admits(_ other: Binding) -> Bool {
            user == other.user && (name == other.name || other.name.hasPrefix(name + "."))
        }
    }
}
