import Testing
@testable import GroundworkStore

@Suite struct UserNameTests {
    @Test(arguments: ["ada", "Ada.Lovelace", "a_b-c", "x", "9lives", String(repeating: "a", count: 64), "a..b"])
    func acceptsSafeNames(_ name: String) throws {
        #expect(try UserName(name).rawValue == name)
    }

    @Test(arguments: [
        ("", "1 to 64"),
        (String(repeating: "a", count: 65), "longer than 64"),
        (".hidden", "must not start with '.'"),
        ("..", "must not start with '.'"),
        ("../etc", "must not start with '.'"),
        ("-rf", "must not start with '.' or '-'"),
        ("a/b", "no path separators"),
        ("a\\b", "no path separators"),
        ("tab\there", "no control characters"),
        ("bell\u{7}", "no control characters"),
        ("new\nline", "no control characters"),
        ("space here", "only letters"),
        ("émile", "only letters"),
        ("a:b", "only letters"),
    ])
    func refusesUnsafeNames(_ name: String, _ expected: String) {
        #expect {
            try UserName(name)
        } throws: { error in
            guard case StoreError.invalidUserName(_, let reason) = error else { return false }
            return reason.contains(expected) && String(describing: error).hasPrefix("invalid user name '")
        }
    }

    @Test func messageEscapesControlCharacters() {
        let error = #expect(throws: StoreError.self) { try UserName("a\u{1b}[31m") }
        #expect(error?.description.contains("\u{1b}") == false)
        #expect(error?.description.contains("\\u{1b}") == true)
    }
}
