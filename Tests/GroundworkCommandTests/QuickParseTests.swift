import ArgumentParser
import Testing
@testable import groundwork

/// `start` and `journal` parsed on their own give what the full command tree gives; anything else
/// (help, mistakes, other commands) goes through the tree.
@Suite
struct QuickParseTests {
    @Test(arguments: [
        ["start", "career-checkin"],
        ["start", "career-checkin", "--user", "bench", "--seed", "3"],
        ["journal", "--no-save"],
        ["journal", "a long day", "but", "#calm"],
        ["journal", "--no-save", "--dialogues", "/x", "--why"],
    ])
    func theQuickParseIsTheFullOne(arguments: [String]) throws {
        let quick = try Groundwork.parseCommand(arguments)
        let full = try Groundwork.parseAsRoot(arguments)
        #expect(type(of: quick) == type(of: full))
        #expect(String(describing: quick) == String(describing: full))
    }

    /// What the quick parse does not take gives the full parse's answer, help included.
    @Test(arguments: [
        ["start", "--help"], ["journal", "-h"], ["start"], ["journal", "--no-save", "extra"], ["history"], ["start", "x", "--bogus"], [],
    ])
    func theRestGoesThroughTheTree(arguments: [String]) {
        let quick = Result { try Groundwork.parseCommand(arguments) }
        let full = Result { try Groundwork.parseAsRoot(arguments) }
        switch (quick, full) {
        case (.success(let a), .success(let b)):
            #expect(type(of: a) == type(of: b))
        case (.failure(let a), .failure(let b)):
            #expect(Groundwork.fullMessage(for: a) == Groundwork.fullMessage(for: b))
        default:
            Issue.record("the quick parse gave \(quick), the full one \(full)")
        }
    }
}
