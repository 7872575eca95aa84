import GroundworkCore

/// A user name that is safe as a folder name, by `NameRule`: letters, digits, `.`, `_`, `-`, 1 to 64
/// characters, not starting with `.` or `-`.
public struct UserName: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    /// The longest name accepted.
    public static let maxLength = NameRule.maxLength

    /// Checks `raw` and refuses anything that could escape the users folder or confuse a terminal.
    public init(_ raw: String) throws(StoreError) {
        if let reason = NameRule.problem(with: raw) {
            throw .invalidUserName(UserName.printable(raw), reason: reason)
        }
        rawValue = raw
    }

    public var description: String { rawValue }

    /// The name with control characters escaped, so an error message cannot drive the terminal.
    static func printable(_ raw: String) -> String {
        var out = ""
        for scalar in raw.unicodeScalars.prefix(80) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
