import Foundation
import Testing

/// The non-interactive contract: stdin not a terminal, one answer per line, plain output.
@Suite
struct PipeTests {
    @Test func aWholeFlowThroughAPipe() throws {
        let data = try Groundwork.makeDataDir()
        let result = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data), input: "Ana\n3\nmany\n7\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(!result.stdout.contains("\u{1B}"))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Hello, let's begin.")
        #expect(lines.contains("What should I call you?"))
        #expect(lines.contains("  3. Farming"))
        #expect(lines.contains("A number of years, please."))
        #expect(lines.last == "Thanks, Ana: Farming for 7 years.")
        let files = Groundwork.sessionFiles(data)
        #expect(files.count == 1)
        let saved = try String(contentsOfFile: try #require(files.first), encoding: .utf8)
        #expect(saved.contains("\"completed\""))
    }

    @Test func endOfInputMidFlowSavesAndResumes() throws {
        let data = try Groundwork.makeDataDir()
        let first = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data), input: "Ben\n")
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout.hasSuffix("  3. Farming\n"))
        let resumed = try Groundwork.run(["resume"] + Groundwork.fixtureOptions(data), input: "fin\n12\n")
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("Which sector do you work in?") || resumed.stdout.contains("Which sector"))
        #expect(resumed.stdout.hasSuffix("Thanks, Ben: Finance for 12 years.\n"))
        #expect(Groundwork.sessionFiles(data).count == 1)
        // Nothing left to resume.
        let again = try Groundwork.run(["resume"] + Groundwork.fixtureOptions(data))
        expectOneLineError(again, status: 1, mentioning: "groundwork start")
    }

    @Test func homeResumesTheActiveSessionOrOffersFlows() throws {
        let data = try Groundwork.makeDataDir()
        let menu = try Groundwork.run(Groundwork.fixtureOptions(data), input: "2\nCy\n")
        #expect(menu.status == 0, "stderr: \(menu.stderr)")
        #expect(menu.stdout.contains("  1. Journal — Free writing for the end-to-end tests."))
        #expect(menu.stdout.contains("  2. Mini check-in — A tiny flow for the end-to-end tests."))
        #expect(menu.stdout.contains("Which sector do you work in?"))
        let home = try Groundwork.run(Groundwork.fixtureOptions(data), input: "health\n1\n")
        #expect(home.status == 0, "stderr: \(home.stderr)")
        #expect(home.stdout.hasSuffix("Thanks, Cy: Health care for 1 years.\n"))
    }

    @Test func slashCommandsWorkThroughAPipe() throws {
        let data = try Groundwork.makeDataDir()
        let result = try Groundwork.run(["start", "mini"] + Groundwork.fixtureOptions(data),
                                        input: "/help\nDee\n/summary\n/back\nDi\n/skip\n/nonsense\n/quit\nnever read\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("/back"))
        #expect(result.stdout.contains("Dee"))
        #expect(result.stdout.contains("unknown command '/nonsense'"))
        #expect(!result.stdout.contains("Thanks"))
        let saved = try String(contentsOfFile: try #require(Groundwork.sessionFiles(data).first), encoding: .utf8)
        #expect(saved.contains("\"active\""))
        #expect(saved.contains("Di"))
    }

    @Test func journalWithoutSavingPrintsOneLinePerLine() throws {
        let data = try Groundwork.makeDataDir()
        let input = ["I remember my first job", "my manager left", "hello", "", "/why"]
        let result = try Groundwork.run(["journal", "--no-save"] + Groundwork.fixtureOptions(data),
                                        input: input.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.count == input.count)
        #expect(lines.first == "Do you often think of your first job?")
        #expect(lines.dropFirst().first == "Tell me more about your manager left.")
        #expect(lines.dropFirst(2).first == "Please go on.")
        #expect(Groundwork.sessionFiles(data).isEmpty)
    }

    @Test func journalSavesAndDoneSummarises() throws {
        let data = try Groundwork.makeDataDir()
        let result = try Groundwork.run(["journal"] + Groundwork.fixtureOptions(data), input: "my week was long\n/done\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("You wrote 1 entries."))
        let saved = try String(contentsOfFile: try #require(Groundwork.sessionFiles(data).first), encoding: .utf8)
        #expect(saved.contains("my week was long"))
        #expect(saved.contains("\"completed\""))
    }

    @Test func hostileBytesDoNotCrash() throws {
        let data = try Groundwork.makeDataDir()
        let bytes: [UInt8] = Array("my ".utf8) + [0xFF, 0xC3, 0x00, 0x1B] + Array("[31mred\n".utf8) + [0x00, 0x0A] + Array("\u{1B}]0;title\u{07}\n".utf8)
        let result = try Groundwork.run(["journal", "--no-save"] + Groundwork.fixtureOptions(data), inputBytes: bytes)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test func flowsListsIDTitleAndDescription() throws {
        let result = try Groundwork.run(["flows"] + Groundwork.fixtureOptions(try Groundwork.makeDataDir()))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "journal  Journal        Free writing for the end-to-end tests.\nmini     Mini check-in  A tiny flow for the end-to-end tests.\n")
    }

    @Test func completionScriptsComeFromTheArgumentParser() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try Groundwork.run(["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("groundwork"))
        }
    }
}
