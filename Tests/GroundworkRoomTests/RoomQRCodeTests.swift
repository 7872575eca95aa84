import Testing
@testable import GroundworkRoom

struct RoomQRCodeTests {
    @Test func drawsASquareCodeWithItsFinderPatterns() throws {
        let lines = try #require(RoomQRCode.lines(for: "http://192.168.1.20:8421/?code=K7QMPZ"))
        let width = lines[0].count
        // Two rows of modules per line, a two-module quiet zone all round.
        #expect(lines.allSatisfy { $0.count == width })
        #expect(lines.count == (width + 1) / 2)
        #expect((width - 4) % 4 == 1, "a QR code is 17 + 4n modules wide")
        // The quiet zone is light (drawn), the finder pattern's top edge dark (blank), 7 modules.
        #expect(lines[0].allSatisfy { $0 == "█" })
        let finderTop = Array(lines[1])
        #expect(finderTop[0] == "█" && finderTop[1] == "█")
        #expect(finderTop[2..<9].allSatisfy { $0 == " " || $0 == "▄" })
    }

    @Test(arguments: ["http://127.0.0.1:8421/?code=ABC234", "http://[fe80::1]:8421/?code=ABC234"])
    func everyJoinAddressEncodes(_ link: String) {
        #expect(RoomQRCode.lines(for: link) != nil)
    }
}
