import Testing
@testable import GroundworkRoom

struct RoomAddressTests {
    @Test(arguments: [("127.0.0.1:8421", "127.0.0.1", 8421, true), ("192.168.1.20:0", "192.168.1.20", 0, false),
                      ("[::1]:9000", "::1", 9000, true), ("localhost:80", "localhost", 80, true)])
    func reads(_ text: String, _ host: String, _ port: Int, _ loopback: Bool) throws {
        let address = try RoomAddress(text)
        #expect(address.host == host && address.port == port && address.isLoopback == loopback)
    }

    @Test(arguments: ["8421", "host:", ":8421", "host:70000", "a b:1", "host:port"])
    func refuses(_ text: String) {
        #expect(throws: RoomAddress.Problem.malformed(text)) { try RoomAddress(text) }
    }

    @Test func secretsComeFromTheirAlphabetsAndDiffer() {
        let codes = (0..<50).map { _ in RoomSecrets.code() }
        #expect(codes.allSatisfy { $0.count == 6 && $0.allSatisfy { RoomSecrets.alphabet.contains($0) } })
        #expect(Set(codes).count > 45)
        let token = RoomSecrets.token()
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        #expect(RoomSecrets.token() != token)
    }

    @Test func answerFormsBecomeTheLinesATerminalWouldType() {
        #expect(RoomAnswer.line(from: ["text": "an idea"]) == "an idea")
        #expect(RoomAnswer.line(from: ["choice": "2"]) == "2")
        #expect(RoomAnswer.line(from: ["pick-3": "on", "pick-1": "on"]) == "1, 3")
        #expect(RoomAnswer.line(from: ["dot-3": "2", "dot-1": "1", "dot-2": "0"]) == "1 3 3")
    }
}
