import Testing
@testable import GroundworkCore

@Suite struct ScriptLibraryLookupTests {
    let occupation = Lookup(service: .matchOccupation, source: .variable("job_title"), save: "reference")
    let classify = Lookup(service: .classify, source: .variable("task_name"), save: "suggestion")

    @Test func withoutServicesTheFlowCanGoOn() {
        let library = ScriptLibrary()
        #expect(library.lookupVariables(occupation, text: "nurse") == ["reference.count": .number(0)])
        #expect(library.lookupVariables(classify, text: "typing letters")["suggestion.label"] == .null)
    }

    @Test func classifyAsksTheLoadedClassifier() throws {
        let (library, _) = try CareerCheckinFixture.library()
        let classifier = try #require(library.classifier)
        let task = "answering customer emails"
        let suggestion = classifier.classify(task)
        let v = library.lookupVariables(classify, text: task)
        #expect(v["suggestion.label"] == .string(suggestion.label.rawValue.lowercased()))
        #expect(v["suggestion.reason"] == .string(suggestion.reason))
        #expect(!suggestion.reason.isEmpty)
    }

    @Test func occupationMatchesComeFromTheReference() throws {
        var library = ScriptLibrary()
        library.reference = try OccupationReferenceTests.shared()
        let v = library.lookupVariables(occupation, text: "electrician")
        #expect(v["reference.title1"] == .string("Electricians"))
        #expect(Set(v.keys).isSubset(of: Set(occupation.producedNames)))
    }
}
