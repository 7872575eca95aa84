/// Reads a script's top-level `key: value` lines from its bytes without parsing the YAML, so the
/// library can choose the files a flow needs (by `id:`) and how to read each (by `kind:`) cheaply;
/// the loaders still check what the parser makes of the same lines.
public enum ScriptHeader {
    /// The value of the first unindented `key:` line (`id: career-checkin`; quotes and a trailing
    /// ` # comment` allowed); nil when there is none or it is not a plain name (letters, digits,
    /// `-`, `_`, `.`).
    public static func value(of key: String, in text: String) -> String? {
        let utf8 = text.utf8
        let marker = Array(key.utf8) + [UInt8(ascii: ":")]
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = utf8[lineStart..<lineEnd]
            if line.starts(with: marker) { return plainValue(line.dropFirst(marker.count)) }
            lineStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
        }
        return nil
    }

    private static func plainValue(_ raw: Substring.UTF8View) -> String? {
        var value = raw
        if let comment = value.firstIndex(of: UInt8(ascii: "#")) {
            guard comment == value.startIndex || value[value.index(before: comment)] == UInt8(ascii: " ") else { return nil }
            value = value[..<comment]
        }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        while let first = value.first, blank(first) { value = value.dropFirst() }
        while let last = value.last, blank(last) { value = value.dropLast() }
        if let first = value.first, first == UInt8(ascii: "'") || first == UInt8(ascii: "\""), value.count >= 2, value.last == first {
            value = value.dropFirst().dropLast()
        }
        let plain = !value.isEmpty && value.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ".")
        }
        return plain ? String(decoding: value, as: UTF8.self) : nil
    }
}
