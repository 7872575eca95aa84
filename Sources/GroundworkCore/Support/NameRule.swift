/// The one rule for a person's name, shared by user folders (`UserName` in the store) and group
/// participants (who are saved under the same folders): 1 to 64 ASCII letters, digits, `.`, `_`, `-`,
/// not starting with `.` (no hidden or parent folder) or `-` (no name read as an option).
public enum NameRule {
    /// The longest name accepted.
    public static let maxLength = 64

    /// Why `raw` is refused, or nil when it is fine.
    public static func problem(with raw: String) -> String? {
        if raw.isEmpty { return "a name needs 1 to \(maxLength) characters" }
        let scalars = raw.unicodeScalars
        if scalars.count > maxLength { return "longer than \(maxLength) characters" }
        if raw.hasPrefix(".") || raw.hasPrefix("-") { return "it must not start with '.' or '-'" }
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
}
