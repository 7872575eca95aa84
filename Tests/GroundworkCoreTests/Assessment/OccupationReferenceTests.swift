import Foundation
import Testing
@testable import GroundworkCore

/// The occupation reference, read from `../shared/data/occupation-exposure.csv` (never copied here).
@Suite struct OccupationReferenceTests {
    static func shared() throws -> OccupationReference {
        let url = CareerCheckinFixture.sharedData.appendingPathComponent("occupation-exposure.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try OccupationReference.parse(csv: text, path: "occupation-exposure.csv")
    }

    @Test func readsTheSharedTable() throws {
        let reference = try Self.shared()
        #expect(reference.occupations.count == 923)
        let first = try #require(reference.occupations.first)
        #expect(first.code == "11-1011.00")
        #expect(first.title == "Chief Executives")
        #expect(first.humanBeta == 0.35)
        #expect(first.modelBeta == 0.46)
        // A quoted title with commas inside stays one field.
        #expect(reference.occupations.contains { $0.code == "29-1122.01" && $0.title.hasPrefix("Low Vision Therapists, ") })
    }

    @Test(arguments: [
        ("electrician", "Electricians"),
        ("Translator", "Interpreters and Translators"),
        ("registered nurse", "Registered Nurses"),
        ("data entry clerk", "Data Entry Keyers"),
        ("paralegal", "Paralegals and Legal Assistants"),
        ("sofware developer", "Software Developers"),    // one typo
        ("general and operations manager", "General and Operations Managers"),
    ])
    func bestMatch(title: String, expected: String) throws {
        let matches = try Self.shared().matches(for: title)
        #expect(matches.first?.occupation.title == expected, "\(matches.map(\.occupation.title))")
        #expect(matches.count <= 3)
    }

    @Test func nothingMatchesNonsense() throws {
        #expect(try Self.shared().matches(for: "zzqx wibble").isEmpty)
        #expect(try Self.shared().matches(for: "  ").isEmpty)
    }

    @Test func variablesForTheFlow() throws {
        let v = try Self.shared().variables(for: "electrician")
        // Electricians (47-2111.00): human beta 0.14634… → round(14.6) = 15
        #expect(v["reference.title1"] == .string("Electricians"))
        #expect(v["reference.code1"] == .string("47-2111.00"))
        #expect(v["reference.score1"] == .number(15))
        #expect(v["reference.line1"] == .string("Published exposure for Electricians (47-2111.00): 15 out of 100 (beta from human annotators, Eloundou et al. 2024)."))
        #expect((v["reference.count"]?.number ?? 0) >= 1)
    }

    @Test(arguments: [
        ("Title,x\n", "t.csv:1:1: error: reference file needs the columns 'O*NET-SOC Code' and 'Title'"),
        ("O*NET-SOC Code,Title\n1,a\n", "t.csv:1:1: error: reference file needs 'human_rating_beta' or 'dv_rating_beta'"),
        ("O*NET-SOC Code,Title,dv_rating_beta\n1,a,0.5\n2,b\n", "t.csv:3:1: error: expected 3 fields, found 2"),
        ("O*NET-SOC Code,Title,dv_rating_beta\n1,a,lots\n", "t.csv:2:1: error: 'lots' is not a number"),
        ("", "t.csv:1:1: error: reference file is empty"),
    ])
    func badFilesAreReportedByPlace(text: String, message: String) {
        #expect(throws: OccupationReferenceError.self) { try OccupationReference.parse(csv: text, path: "t.csv") }
        do {
            _ = try OccupationReference.parse(csv: text, path: "t.csv")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func csvQuotingAndLineEnds() {
        #expect(CSV.rows("a,\"b,c\",\"d \"\"e\"\"\"\r\n1,2,3\n") == [["a", "b,c", "d \"e\""], ["1", "2", "3"]])
    }
}
