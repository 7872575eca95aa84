import Testing
@testable import GroundworkTerminal

@Suite struct SlashCommandTests {
    @Test(arguments: [
        ("/help", SlashCommand.help), ("/HELP", .help), ("  /back  ", .back), ("/skip", .skip),
        ("/save", .save), ("/summary", .summary), ("/why", .why), ("/why detail", .whyDetail), ("/WHY  Details ", .whyDetail), ("/why not", .why), ("/quit", .quit), ("/q", .quit),
        ("/done", .done), ("/exit", .quit), ("/frobnicate", .unknown("frobnicate")),
        ("/back now", .back),
    ])
    func parsesCommands(line: String, expected: SlashCommand) {
        #expect(SlashCommand(parsing: line) == expected)
    }

    @Test(arguments: ["hello", "", "   ", "/", "1/2", "/ help", "/2", "and/or", "// comment"])
    func answersAreNotCommands(line: String) {
        #expect(SlashCommand(parsing: line) == nil)
    }

    @Test func everyListedCommandParses() {
        for entry in SlashCommand.all {
            let parsed = SlashCommand(parsing: entry.name)
            #expect(parsed != nil)
            if case .unknown = parsed { Issue.record("\(entry.name) parses as unknown") }
        }
    }
}
