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

    /// `plaintext` sealed in a new envelope.
    public func seal(_ plaintext: [UInt8]) throws(StoreError) -> [UInt8] {
        var envelope = SealedEnvelope(derivation: derivation, fileSalt: randomBytes(SealedEnvelope.fileSaltSize),
                                      nonce: [], ciphertext: [], tag: [])
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

    /// The plain bytes of a sealed file; `StoreError.unreadable` naming `path` when it cannot be opened.
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
        }
        let sameKey = envelope.derivation == derivation
        let base: SymmetricKey
        if sameKey {
            base = key
        } else {
            do throws(StoreError) {
                base = try envelope.derivation.deriveKey(passphrase)
            } catch {
                throw .unreadable(UnreadableFile(path: path, reason: "encrypted with parameters this groundwork refuses"))
            }
        }
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: envelope.nonce), ciphertext: envelope.ciphertext,
                                            tag: envelope.tag)
            return Array(try AES.GCM.open(box, using: fileKey(base, envelope.fileSalt), authenticating: envelope.header))
        } catch {
            // The user's key was checked at unlock, so with the same salt only damage explains a failure.
            let reason = sameKey ? "damaged or altered: the encrypted file does not authenticate"
                : "encrypted with another passphrase than the one of user '\(user)' (or damaged)"
            throw .unreadable(UnreadableFile(path: path, reason: reason))
        }
    }

    private func fileKey(_ base: SymmetricKey, _ salt: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: base, salt: salt, info: UserKey.fileKeyInfo, outputByteCount: 32)
    }
}
