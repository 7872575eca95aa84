import Foundation
import GroundworkTestSupport
import Testing

/// The config file as a person meets it: its settings used, a bad one refused in one line, and
/// `groundwork config` saying where each setting came from. Each test has its own XDG_CONFIG_HOME.
@Suite
struct ConfigFileTests {
    /// A config folder holding `text` as groundwork/config.toml; returns the folder and the file's path.
    private func configHome(_ text: String) throws -> (home: String, file: String) {
        let home = try TemporaryFolder.make(prefix: "gw-config")
        try FileManager.default.createDirectory(atPath: home + "/groundwork", withIntermediateDirectories: true)
        let file = home + "/groundwork/config.toml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return (home, file)
    }

    @Test func aBadFileIsOneLineAndStatusTwo() throws {
        let (home, file) = try configHome("user = \"sam\"\ncolour = false\n")
        let data = try Groundwork.makeDataDir()
        let result = try Groundwork.run(["history", "--data-dir", data], environment: ["XDG_CONFIG_HOME": home])
        expectOneLineError(result, status: 2, mentioning: "\(file):2: error: unknown key 'colour'")
        #expect(result.stderr.contains("color"), "the known keys are listed: \(result.stderr)")
        // Nothing was written on the strength of a file that was not understood.
        #expect(!FileManager.default.fileExists(atPath: data + "/users"))
    }

    @Test func aSyntaxErrorNamesItsLine() throws {
        let (home, file) = try configHome("country = \"ie\"\nwidth = = 3\n")
        let result = try Groundwork.run(["config"], environment: ["XDG_CONFIG_HOME": home])
        expectOneLineError(result, status: 2, mentioning: "\(file):2: error: ")
    }

    @Test func configShowsEachSettingAndItsSource() throws {
        let data = try Groundwork.makeDataDir()
        let (home, file) = try configHome("user = \"sam\"\ncountry = \"nz\"\ncolor = false\nwidth = 60\ndata-dir = \"\(data)\"\n")
        let result = try Groundwork.run(["config", "--country", "ie"],
                                        environment: ["XDG_CONFIG_HOME": home, "GROUNDWORK_REFERENCE": "/tmp/ref.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.first == "config file: \(file)")
        #expect(lines.contains("user sam config \(file)"))
        #expect(lines.contains("country IE option --country"))
        #expect(lines.contains("color false config \(file)"))
        #expect(lines.contains("width 60 config \(file)"))
        #expect(lines.contains("data-dir \(data) config \(file)"))
        #expect(lines.contains("reference /tmp/ref.csv environment GROUNDWORK_REFERENCE"))
        #expect(lines.contains("dialogues - default (the bundled ones)"))
    }

    @Test func theFilesUserAndDataFolderAreUsed() throws {
        let data = try Groundwork.makeDataDir()
        let (home, _) = try configHome("user = \"sam\"\ndata-dir = \"\(data)\"\n")
        let result = try Groundwork.run(["start", "mini", "--dialogues", Groundwork.dialogues, "--prompts", Groundwork.prompts, "--seed", "7"],
                                        input: "Ben\n", environment: ["XDG_CONFIG_HOME": home])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!Groundwork.sessionFiles(data, user: "sam").isEmpty)
    }

    @Test func noFileMeansDefaults() throws {
        let home = try TemporaryFolder.make(prefix: "gw-config")
        let result = try Groundwork.run(["config"], environment: ["XDG_CONFIG_HOME": home])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(not there;"))
        #expect(result.stdout.contains("default (your login name)"))
    }
}
