/// Removes terminal escape sequences and control characters from text before it is shown.
///
/// User text (answers, journal lines) is echoed back through reflections and summaries; an escape
/// sequence in it could move the cursor, recolour the screen or retitle the window.
public enum TextSanitizer {
    /// `text` without ANSI/VT escape sequences and C0/C1 control characters; newlines are kept,
    /// tabs become a space.
    public static func clean(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            switch scalar.value {
            case 0x0A:
                scalars.append(scalar)
            case 0x09:
                scalars.append(" ")
            case 0x1B:
                pending = skipEscape(after: pending, &iterator)
            case 0x9B:  // C1 CSI
                pending = skipControlSequence(pending, &iterator)
            case 0x00...0x1F, 0x7F, 0x80...0x9F:
                continue
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Skips what follows ESC: a CSI sequence, an OSC/DCS string, or one character.
    private static func skipEscape(after next: Unicode.Scalar?, _ iterator: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        guard let next else { return nil }
        switch next {
        case "[":
            return skipControlSequence(iterator.next(), &iterator)
        case "]", "P", "X", "^", "_":
            // A string ends at BEL or ESC \ (string terminator).
            while let scalar = iterator.next() {
                if scalar.value == 0x07 { return iterator.next() }
                if scalar.value == 0x1B {
                    let after = iterator.next()
                    return after == "\\" ? iterator.next() : after
                }
            }
            return nil
        default:
            return iterator.next()
        }
    }

    /// Skips parameter and intermediate bytes up to and including the final byte (0x40–0x7E).
    private static func skipControlSequence(_ first: Unicode.Scalar?, _ iterator: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        var current = first
        while let scalar = current {
            if (0x40...0x7E).contains(scalar.value) { return iterator.next() }
            if !(0x20...0x3F).contains(scalar.value) { return current }
            current = iterator.next()
        }
        return nil
    }
}
