import Crypto

/// A user's unlocked key: seals files before they are written and opens them after they are read.
///
/// Derived once per process from the passphrase; each write draws a fresh file salt and nonce, so the
/// same journal written twice gives unrelated bytes and no nonce is ever reused under one key.
public struct UserKey: Sendable {
    /// The user the key belongs to, for messages.
    public let user: String
    let derivation: KeyDerivation
    /// The derived key's bytes (`SymmetricKey` is not `Sendable` in swift-crypto 3).
    private let keyBytes: [UInt8]
    /// Kept only to open files sealed under another salt (copied from another data folder).
    private let passphrase: [UInt8]

    static let fileKeyInfo = Array("groundwork file key v1".utf8)

    /// Derives the key for `passphrase` with `derivation` (slow by design: PBKDF2).
    public init(user: String, passphrase: String, derivation: KeyDerivation) throws(StoreError) {
        let bytes = Array(passphrase.utf8)
        guard !bytes.isEmpty else { throw .encryption("the passphrase is empty") }
        self.user = user
        self.derivation = derivation
        self.passphrase = bytes
        keyBytes = try derivation.deriveKey(bytes).withUnsafeBytes { Array($0) }
    }

    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// `plaintext` sealed in a new envelope for the file at `path`, bound to its name and this user
    /// (the envelope's binding is authenticated), so it opens only under that name.
    public func seal(_ plaintext: [UInt8], path: String) throws(StoreError) -> [UInt8] {
        try seal(plaintext, binding: SealedEnvelope.Binding(user: user, path: path))
    }

    /// `plaintext` sealed with `binding`; nil writes the format before names were bound (tests of compatibility).
    func seal(_ plaintext: [UInt8], binding: SealedEnvelope.Binding?) throws(StoreError) -> [UInt8] {
        var envelope = SealedEnvelope(format: binding == nil ? SealedEnvelope.unboundFormat : SealedEnvelope.format,
                                      derivation: derivation, binding: binding,
                                      fileSalt: randomBytes(SealedEnvelope.fileSaltSize), nonce: [], ciphertext: [], tag: [])
        do {
            let nonce = AES.GCM.Nonce()
            envelope.nonce = Array(nonce)
            let box = try AES.GCM.seal(plaintext, using: fileKey(key, envelope.fileSalt), nonce: nonce,
                                       authenticating: envelope.header(length: plaintext.count))
            envelope.ciphertext = Array(box.ciphertext)
            envelope.tag = Array(box.tag)
        } catch {
            throw .encryption("could not encrypt")
        }
        return envelope.bytes
    }

    /// Whether `sealed` is an envelope of the format before names were bound (format 1), which the
    /// next write, or `groundwork encrypt`, seals again bound.
    public static func isUnbound(_ sealed: [UInt8]) -> Bool {
        guard case .success(let envelope) = SealedEnvelope.parse(sealed) else { return false }
        return envelope.binding == nil
    }

    /// The plain bytes of a sealed file; `StoreError.unreadable` naming `path` when it cannot be
    /// opened, or when it was sealed for another name or user (a swap or a copy).
    public func open(_ sealed: [UInt8], path: String) throws(StoreError) -> [UInt8] {
        let envelope: SealedEnvelope
        switch SealedEnvelope.parse(sealed) {
        case .success(let parsed): envelope = parsed
        case .failure(.truncated):
            throw .unreadable(UnreadableFile(path: path, reason: "truncated: the encrypted file ends part-way through (\(sealed.count) bytes)"))
        case .failure(.newerFormat(let n)):
            throw .unreadable(UnreadableFile(path: path, reason: "encryption format \(n), which this groundwork cannot read: damaged or altered, or written by a newer groundwork"))
        case .failure(.impossibleLength(let n)):
            throw .unreadable(UnreadableFile(path: path, reason: "damaged or altered: the encrypted header gives a length of \(n) bytes, more than any file groundwork writes"))
        case .failure(.trailingBytes):
            throw .unreadable(UnreadableFile(path: path, reason: "damaged or altered: bytes after the end of the encrypted file"))
        case .failure(.badBinding):
            throw .unreadable(UnreadableFile(path: path, reason: "damaged or altered: the encrypted header's file name cannot be read"))
        }
        let sameKey = envelope.derivation == derivation
        let base: SymmetricKey
        if sameKey {
            base = key
        } else {
            // Another derivation is a file copied from another data folder. It costs a derivation of its
            // own, so its rounds are held to what this user's key takes (or the default): a damaged or
            // hostile count cannot make every command spend seconds on each such file.
            let bound = max(derivation.rounds, KeyDerivation.defaultRounds)
            if envelope.derivation.rounds > bound {
                throw .unreadable(UnreadableFile(path: path, reason:
                    "encrypted with \(envelope.derivation.rounds) key derivation rounds, more than the \(bound) groundwork spends on one file: damaged or altered, or not written by groundwork"))
            }
            do throws(StoreError) {
                base = try envelope.derivation.deriveKey(passphrase)
            } catch {
                throw .unreadable(UnreadableFile(path: path, reason: "encrypted with parameters this groundwork refuses"))
            }
        }
        let plain: [UInt8]
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: envelope.nonce), ciphertext: envelope.ciphertext,
                                            tag: envelope.tag)
            plain = Array(try AES.GCM.open(box, using: fileKey(base, envelope.fileSalt), authenticating: envelope.header))
        } catch {
            // The user's key was checked at unlock, so with the same salt only damage explains a failure.
            let reason = sameKey ? "damaged or altered: the encrypted file does not authenticate"
                : "encrypted with another passphrase than the one of user '\(user)' (or damaged)"
            throw .unreadable(UnreadableFile(path: path, reason: reason))
        }
        // Authentic, so the binding is what the writer wrote: the file must be where it was written.
        if let binding = envelope.binding, !binding.admits(SealedEnvelope.Binding(user: user, path: path)) {
            throw .unreadable(UnreadableFile(path: path, reason: binding.user == user
                ? "damaged or altered: sealed as '\(binding.name)', not under this name (a file swapped or renamed)"
                : "sealed as '\(binding.name)' of user '\(binding.user)', not of user '\(user)' (a file copied from another user)"))
        }
        return plain
    }

    private func fileKey(_ base: SymmetricKey, _ salt: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: base, salt: salt, info: UserKey.fileKeyInfo, outputByteCount: 32)
    }
}
