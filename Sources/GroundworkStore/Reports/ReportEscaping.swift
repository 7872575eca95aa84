/// Keeps exports and machine-readable reports free of raw control characters while keeping the
/// person's text (issue 12): an answer stored with `ESC]2;…BEL` or `ESC[2J` must not retitle or
/// clear the terminal that shows `export` or `summary --format md`, yet the export must still say
/// what was typed.
public enum ReportEscaping {
    /// Whether `scalar` is a C0 or C1 control character or DEL, which a terminal may act on.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Markdown: every control character but newline and tab shown as a visible symbol: C0 as its
    /// Unicode control picture (ESC as ␛, BEL as ␇), DEL as ␡, C1 as `<U+009B>`.
    public static func markdown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09:
                out.append(scalar)
            case 0x00..<0x20:
                out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F:
                out.append(contentsOf: "<U+00\(String(scalar.value, radix: 16, uppercase: true))>".unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// JSON: DEL and C1 control characters, which JSON allows raw inside strings, as `\u007f`…`\u009f`
    /// escapes (C0 ones are escaped by every JSON writer already). They can only be inside strings,
    /// so the document means the same.
    public static func json(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x7F...0x9F).contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) {
                out.append(contentsOf: "\\u00\(String(scalar.value, radix: 16))".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
