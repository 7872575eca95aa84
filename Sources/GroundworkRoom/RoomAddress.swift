/// Where a hosted room listens: `ADDRESS:PORT`, loopback unless the facilitator names another.
public struct RoomAddress: Sendable, Hashable, CustomStringConvertible {
    /// This computer only: a phone cannot reach it, a second terminal on the same machine can.
    public static let standard = "127.0.0.1:8421"

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case malformed(String)

        public var description: String {
            switch self {
            case .malformed(let text): return "'\(text)' is not ADDRESS:PORT; try 127.0.0.1:8421, or this computer's network address such as 192.168.1.20:8421"
            }
        }
    }

    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init(_ text: String) throws(Problem) {
        // The last colon splits, so a bracketed IPv6 address keeps its own colons.
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw .malformed(text)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:".contains($0) }) else { throw .malformed(text) }
        self.host = host
        self.port = port
    }

    /// Whether only this computer can reach it.
    public var isLoopback: Bool { host == "localhost" || host.hasPrefix("127.") || host == "::1" }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The page participants open.
    public var url: String { "http://\(self)/" }
}

/// The join code and tokens: from the system's secure random source.
public enum RoomSecrets {
    /// Letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L).
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// Six characters: about a billion codes, and joins with a wrong one are throttled.
    public static func code() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// 256 random bits, as hex.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let value = generator.next() as UInt64
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
