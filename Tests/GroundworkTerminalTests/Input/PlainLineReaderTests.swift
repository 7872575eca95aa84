import Testing
import GroundworkCore
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

/// The line limit (issue 12, item 9): a line over `InputLimits.maximumLineBytes` is reported with its
/// length and skipped to its end, and the lines after it read as usual.
@Suite struct PlainLineReaderLimitTests {
    /// Reads `bytes` from a file (a pipe would block the writer past 64 KiB) with `limit`.
    static func read(_ bytes: [UInt8], limit: Int = InputLimits.maximumLineBytes) -> [ReadResult] {
        var template = Array("/tmp/gw-lines-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        #expect(fd >= 0)
        template.withUnsafeBufferPointer { if let path = $0.baseAddress { _ = unlink(path) } }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            #expect(n > 0)
            offset += n
        }
        lseek(fd, 0, SEEK_SET)
        let reader = PlainLineReader(fileDescriptor: fd, limit: limit)
        var results: [ReadResult] = []
        while results.last != .endOfInput { results.append(reader.readLine(prompt: "")) }
        close(fd)
        return results
    }

    static let limit = InputLimits.maximumLineBytes

    static let lengths: [Int] = [limit, limit + 1, limit * 2 - 1, limit * 3 + 17, 1 << 20, 10 << 20]

    @Test(arguments: lengths)
    func aLineOverTheLimitIsReportedAndSkipped(length: Int) {
        let tooLong = length > Self.limit
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        let results = Self.read(Array("before\n".utf8) + line + Array("\nafter\n".utf8))
        let middle: ReadResult = tooLong ? .tooLong(bytes: length) : .line(String(decoding: line, as: UTF8.self))
        #expect(results == [.line("before"), middle, .line("after"), .endOfInput])
    }

    @Test(arguments: [0, 1, 5])
    func anUnterminatedLongLastLineIsReported(extra: Int) {
        let results = Self.read(Array("ok\n".utf8) + [UInt8](repeating: 0x62, count: 10 + extra), limit: 10)
        #expect(results == [.line("ok"), extra == 0 ? .line("bbbbbbbbbb") : .tooLong(bytes: 10 + extra), .endOfInput])
    }

    @Test func manyShortLinesAfterALongOneKeepTheirOrder() {
        let lines = (0..<20_000).map { "line \($0)" }
        let input = Array(String(repeating: "x", count: 200_000).utf8) + [0x0A] + Array((lines.joined(separator: "\n") + "\n").utf8)
        let results = Self.read(input)
        #expect(results.first == .tooLong(bytes: 200_000))
        #expect(Array(results.dropFirst().dropLast()) == lines.map { .line($0) })
    }

    /// Reading is linear: 10 MB in one line costs about ten times 1 MB, not a hundred.
    @Test func readingALongLineIsLinear() {
        func seconds(_ bytes: Int) -> Double {
            let input = [UInt8](repeating: 0x63, count: bytes) + [0x0A]
            let elapsed = ContinuousClock().measure { _ = Self.read(input) }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let small = seconds(1 << 20), large = seconds(10 << 20)
        #expect(large < 30 * max(small, 0.005), "1 MB: \(small) s, 10 MB: \(large) s")
    }
}
