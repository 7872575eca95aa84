import Testing
@testable import GroundworkTerminal
#if canImport(Glibc)
import Glibc
#endif

@Suite struct PlainLineReaderTests {
    /// Feeds `bytes` through a pipe and reads every result until the end.
    static func read(_ bytes: [UInt8]) -> [ReadResult] {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        bytes.withUnsafeBytes { _ = write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        let reader = PlainLineReader(fileDescriptor: fds[0])
        var results: [ReadResult] = []
        while true {
            let result = reader.readLine(prompt: "> ")
            results.append(result)
            if result == .endOfInput { break }
        }
        close(fds[0])
        return results
    }

    @Test func readsLinesAndTheLastUnterminatedOne() {
        #expect(Self.read(Array("one\ntwo\r\n\nthree".utf8)) == [.line("one"), .line("two"), .line(""), .line("three"), .endOfInput])
    }

    @Test func invalidUTF8BecomesReplacementAndNULsVanish() {
        let results = Self.read([0x61, 0xFF, 0xFE, 0x62, 0x0A, 0x00, 0x63, 0x00, 0x0A])
        #expect(results == [.line("a\u{FFFD}\u{FFFD}b"), .line("c"), .endOfInput])
    }

    @Test func emptyInputIsTheEnd() {
        #expect(Self.read([]) == [.endOfInput])
    }

    @Test func longLinesSurviveChunking() {
        let long = String(repeating: "é", count: 10_000)
        #expect(Self.read(Array((long + "\n").utf8)) == [.line(long), .endOfInput])
    }
}
