/// A user name that is safe as a folder name: letters, digits, `.`, `_`, `-`, 1 to 64 characters,
/// not starting with `.`.
public struct UserName: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    /// The longest name accepted.
    public static let maxLength = 64

    /// Checks `raw` and refuses anything that could escape the users folder or confuse a terminal.
    public init(_ raw: String) throws(StoreError) {
        if let reason = UserName.problem(with: raw) {
            throw .invalidUserName(UserName.printable(raw), reason: reason)
        }
        rawValue = raw
    }

    public var description: String { rawValue }

    /// Why `raw` is refused, or nil when it is fine.
    static func problem(with raw: String) -> String? {
        if raw.isEmpty { return "a name needs 1 to \(maxLength) characters" }
        let scalars = raw.unicodeScalars
        if scalars.count > maxLength { return "longer than \(maxLength) characters" }
        if raw.hasPrefix(".") { return "it must not start with '.'" }
        for scalar in scalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-":
                continue
            case "/", "\\":
                return "no path separators; use letters, digits, '.', '_' and '-'"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { return "no control characters; use letters, digits, '.', '_' and '-'" }
                return "use only letters, digits, '.', '_' and '-'"
            }
        }
        return nil
    }

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
