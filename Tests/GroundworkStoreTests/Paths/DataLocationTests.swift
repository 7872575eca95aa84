import Testing
@testable import GroundworkStore

@Suite struct DataLocationTests {
    static let env = ["GROUNDWORK_HOME": "/gw", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"]

    @Test(arguments: [
        ("/flag", env, "/flag", DataLocation.Source.flag),
        (nil, env, "/gw", .groundworkHome),
        (nil, ["GROUNDWORK_HOME": "", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ada"], "/xdg/groundwork", .xdgDataHome),
        (nil, ["XDG_DATA_HOME": "relative/ignored", "HOME": "/home/ada"], "/home/ada/.local/share/groundwork", .home),
        (nil, ["HOME": "/home/ada/"], "/home/ada/.local/share/groundwork", .home),
    ] as [(String?, [String: String], String, DataLocation.Source)])
    func resolvesInOrder(_ flag: String?, _ environment: [String: String], _ root: String, _ source: DataLocation.Source) throws {
        let location = try DataLocation.resolve(dataDir: flag, environment: environment)
        #expect(location.root == root)
        #expect(location.source == source)
    }

    @Test func relativeFlagBecomesAbsolute() throws {
        let location = try DataLocation.resolve(dataDir: "some/dir", environment: [:])
        #expect(location.root.hasPrefix("/"))
        #expect(location.root.hasSuffix("/some/dir"))
    }

    @Test func layout() throws {
        let location = DataLocation(root: "/d")
        let user = try UserName("ada")
        #expect(location.sessionsFolder(user) == "/d/users/ada/sessions")
        #expect(location.lockFile(user) == "/d/users/ada/.lock")
        #expect(location.quarantineFolder(user) == "/d/users/ada/quarantine")
    }
}
