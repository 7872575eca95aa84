/// Number formats for the table: fixed decimals without Foundation's formatter.
enum Formatting {
    /// `value` with `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + grouped(whole)
        if digits > 0 {
            let fraction = Int64(scaled) - whole * Int64(scale)
            var digitsText = String(fraction)
            while digitsText.count < digits { digitsText = "0" + digitsText }
            text += "." + digitsText
        }
        return text
    }

    /// An integer with thin thousands separators (`1,234,567`).
    static func grouped(_ value: Int64) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    /// Nanoseconds as microseconds with two decimals.
    static func micros(_ nanoseconds: UInt64) -> String {
        fixed(Double(nanoseconds) / 1_000, 2) + " µs"
    }

    /// Nanoseconds as milliseconds with two decimals.
    static func millis(_ nanoseconds: UInt64) -> String {
        fixed(Double(nanoseconds) / 1_000_000, 2) + " ms"
    }
}
