import ArgumentParser
import Testing
@testable import groundwork

/// Option > environment > config file > default, for each setting, on the resolver itself.
@Suite
struct SettingsTests {
    static let path = "/cfg/groundwork/config.toml"

    /// One row: the command line, the environment, the file's text, and the setting expected with its source.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String] = []
        var environment: [String: String] = [:]
        var file: String?
        var read: @Sendable (Settings) -> (String?, SettingSource)
        var value: String?
        var source: SettingSource
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "country: option wins", arguments: ["--country", "ie"], environment: ["GROUNDWORK_COUNTRY": "gb", "LANG": "en_US.UTF-8"],
             file: #"country = "nz""#, read: { ($0.country.value, $0.country.source) }, value: "IE", source: .option("--country")),
        Case(name: "country: environment over file", environment: ["GROUNDWORK_COUNTRY": "gb", "LANG": "en_US.UTF-8"],
             file: #"country = "nz""#, read: { ($0.country.value, $0.country.source) }, value: "GB", source: .environment("GROUNDWORK_COUNTRY")),
        Case(name: "country: file over locale", environment: ["LANG": "en_US.UTF-8"],
             file: #"country = "nz""#, read: { ($0.country.value, $0.country.source) }, value: "NZ", source: .config(path: path)),
        Case(name: "country: locale by default", environment: ["LANG": "en_US.UTF-8"],
             read: { ($0.country.value, $0.country.source) }, value: "US", source: .fallback("your locale")),
        Case(name: "country: empty environment is unset", environment: ["GROUNDWORK_COUNTRY": ""],
             file: #"country = "nz""#, read: { ($0.country.value, $0.country.source) }, value: "NZ", source: .config(path: path)),
        Case(name: "user: option wins", arguments: ["--user", "ana"], environment: ["USER": "root"],
             file: #"user = "sam""#, read: { ($0.user.value, $0.user.source) }, value: "ana", source: .option("--user")),
        Case(name: "user: file over login name", environment: ["USER": "root"],
             file: #"user = "sam""#, read: { ($0.user.value, $0.user.source) }, value: "sam", source: .config(path: path)),
        Case(name: "user: login name by default", environment: ["USER": "root"],
             read: { ($0.user.value, $0.user.source) }, value: nil, source: .fallback("your login name")),
        Case(name: "color: option wins", arguments: ["--no-color"], file: "color = true",
             read: { ($0.color.value.map { "\($0)" }, $0.color.source) }, value: "false", source: .option("--no-color")),
        Case(name: "color: NO_COLOR over file", environment: ["NO_COLOR": "1"], file: "color = true",
             read: { ($0.color.value.map { "\($0)" }, $0.color.source) }, value: "false", source: .environment("NO_COLOR")),
        Case(name: "color: file over default", file: "color = false",
             read: { ($0.color.value.map { "\($0)" }, $0.color.source) }, value: "false", source: .config(path: path)),
        Case(name: "color: on by default", environment: ["NO_COLOR": ""],
             read: { ($0.color.value.map { "\($0)" }, $0.color.source) }, value: "true", source: .fallback("on a terminal")),
        Case(name: "data-dir: option wins", arguments: ["--data-dir", "/opt"], environment: ["GROUNDWORK_HOME": "/env"],
             file: #"data-dir = "/file""#, read: { ($0.dataDir.value, $0.dataDir.source) }, value: "/opt", source: .option("--data-dir")),
        Case(name: "data-dir: GROUNDWORK_HOME over file", environment: ["GROUNDWORK_HOME": "/env"],
             file: #"data-dir = "/file""#, read: { ($0.dataDir.value, $0.dataDir.source) }, value: "/env", source: .environment("GROUNDWORK_HOME")),
        Case(name: "data-dir: file, ~ expanded", environment: ["HOME": "/home/sam", "XDG_DATA_HOME": "/xdg"],
             file: #"data-dir = "~/notes/gw""#, read: { ($0.dataDir.value, $0.dataDir.source) }, value: "/home/sam/notes/gw", source: .config(path: path)),
        Case(name: "reference: option wins", arguments: ["--reference", "/a.csv"], environment: ["GROUNDWORK_REFERENCE": "/b.csv"],
             file: #"reference = "/c.csv""#, read: { ($0.reference.value, $0.reference.source) }, value: "/a.csv", source: .option("--reference")),
        Case(name: "reference: environment over file", environment: ["GROUNDWORK_REFERENCE": "/b.csv"],
             file: #"reference = "/c.csv""#, read: { ($0.reference.value, $0.reference.source) }, value: "/b.csv", source: .environment("GROUNDWORK_REFERENCE")),
        Case(name: "reference: file", file: #"reference = "/c.csv""#,
             read: { ($0.reference.value, $0.reference.source) }, value: "/c.csv", source: .config(path: path)),
        Case(name: "width: file", file: "width = 64",
             read: { ($0.width.value.map { "\($0)" }, $0.width.source) }, value: "64", source: .config(path: path)),
        Case(name: "dialogues: option over file", arguments: ["--dialogues", "/d1"], file: #"dialogues = "/d2""#,
             read: { ($0.dialogues.value, $0.dialogues.source) }, value: "/d1", source: .option("--dialogues")),
        Case(name: "prompts: file over bundled", file: #"prompts = "/p""#,
             read: { ($0.prompts.value, $0.prompts.source) }, value: "/p", source: .config(path: path)),
    ]

    @Test(arguments: cases)
    func precedence(_ row: Case) throws {
        let options = try GlobalOptions.parse(row.arguments)
        let file = try row.file.map { try ConfigFile.parse($0, path: Self.path, home: row.environment["HOME"]) }
        let settings = Settings.resolve(options, environment: row.environment, file: file)
        let (value, source) = row.read(settings)
        #expect(value == row.value)
        #expect(source == row.source)
    }

    /// Each bad file: the one line it gives, with the line number where one can be told.
    @Test(arguments: [
        ("user = \"sam\"\ncolour = false", "\(path):2: error: unknown key 'colour'; the keys are user, country, color, data-dir, reference, width, dialogues, prompts"),
        ("color = \"no\"", "\(path):1: error: 'color' must be true or false, not a string"),
        ("\n\nwidth = 200", "\(path):3: error: 'width' must be from 20 to 80 columns, not 200"),
        ("width = \"wide\"", "\(path):1: error: 'width' must be a whole number of columns, not a string"),
        ("user = 3", "\(path):1: error: 'user' must be a string in quotes, not an integer"),
        ("country = \"  \"", "\(path):1: error: 'country' is empty; give a value or remove the line"),
        ("[colors]\nprompt = \"red\"", "\(path):1: error: unknown key 'colors'; the keys are user, country, color, data-dir, reference, width, dialogues, prompts"),
    ])
    func badFiles(text: String, message: String) {
        #expect(throws: AppError.self) { try ConfigFile.parse(text, path: Self.path, home: nil) }
        do {
            _ = try ConfigFile.parse(text, path: Self.path, home: nil)
        } catch {
            #expect(error.message == message)
            #expect(error.status == .usage)
        }
    }

    /// A syntax error names the line TOMLKit reports it on.
    @Test func syntaxErrorsNameTheirLine() {
        do {
            _ = try ConfigFile.parse("user = \"sam\"\n\ncolor = \n", path: Self.path, home: nil)
            Issue.record("a file with a syntax error was read")
        } catch {
            #expect(error.message.hasPrefix("\(Self.path):3: error: "), "\(error.message)")
            #expect(!error.message.contains("error: error"))
            #expect(error.status == .usage)
        }
    }

    @Test func configPathFollowsXDG() {
        #expect(ConfigFile.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/groundwork/config.toml")
        // The XDG spec: a relative value is ignored.
        #expect(ConfigFile.path(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]) == "/h/.config/groundwork/config.toml")
        #expect(ConfigFile.path(environment: [:]) == nil)
    }
}
