import CQREncode

/// The join address as a QR code drawn in the terminal, two rows of modules per line with block
/// characters. Encoded by libqrencode; drawn for a dark terminal (light modules are the blocks),
/// with the quiet zone a scanner needs.
public enum RoomQRCode {
    /// The code's lines, or nil when the text cannot be encoded.
    public static func lines(for text: String) -> [String]? {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data
        let quiet = 2
        func dark(_ row: Int, _ column: Int) -> Bool {
            guard row >= 0, row < width, column >= 0, column < width, let data else { return false }
            return data[row * width + column] & 1 == 1
        }
        var lines: [String] = []
        for row in stride(from: -quiet, to: width + quiet, by: 2) {
            var line = ""
            for column in -quiet..<(width + quiet) {
                // Light modules are drawn: on a dark screen the code reads as dark on light.
                switch (!dark(row, column), !dark(row + 1, column)) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
        }
        return lines
    }
}
