/// Durations as written in exercises and in `/extend`: `90s`, `2m`, `1m30s`, or plain seconds.
public enum GroupDuration {
    /// Seconds in `text`, or nil when it is not a duration (or not positive, or over a day).
    public static func parse(_ text: String) -> Double? {
        let source = text.lowercased().filter { $0 != " " }
        guard !source.isEmpty else { return nil }
        if let plain = Double(source) { return plain > 0 && plain <= 86_400 ? plain : nil }
        var total = 0.0
        var digits = ""
        var sawUnit = false
        for character in source {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let amount = Double(digits) else { return nil }
            switch character {
            case "h": total += amount * 3600
            case "m": total += amount * 60
            case "s": total += amount
            default: return nil
            }
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit, total > 0, total <= 86_400 else { return nil }
        return total
    }

    /// `m:ss` for a countdown, rounding up so "0:00" means the time is really up.
    public static func clock(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded(.up)))
        let secs = whole % 60
        return "\(whole / 60):" + (secs < 10 ? "0" : "") + String(secs)
    }

    /// `2m`, `1m30s` or `45s`, for headings.
    public static func words(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds.rounded()))
        let (m, s) = (whole / 60, whole % 60)
        if m == 0 { return "\(s)s" }
        return s == 0 ? "\(m)m" : "\(m)m\(s)s"
    }
}
