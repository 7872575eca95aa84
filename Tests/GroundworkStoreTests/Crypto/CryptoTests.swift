import Testing

/// Encryption at rest: `swift test --filter Crypto`.
@Suite enum CryptoTests {}
