import Testing
@testable import GroundworkCore

extension RuntimeTests {
    struct EventPlainTests {
        @Test(arguments: [
            (Event.say("Hello.\nWelcome back.\n"), ["Hello.", "Welcome back."]),
            (.say("One\n\nTwo"), ["One", "", "Two"]),
            (.invalid("Please answer yes or no."), ["Please answer yes or no."]),
            (.reflect("Your job?"), ["Your job?"]),
            (.notice("Skipped."), ["(Skipped.)"]),
            (.summary("Score 40.\n"), ["Score 40."]),
            (.nextStep(id: "own", text: "Own one outcome."), ["Next step: Own one outcome."]),
            (.nextStep(id: "own", text: ""), []),
            (.end, []),
            (.safety("We hear you."), ["We hear you.", "  1. Continue", "  2. Pause", "  3. Leave"]),
            (.ask(Prompt(text: "Which sector?", kind: .choice, options: ["Health", "Finance"], progress: Progress(index: 4, total: 12), nodeID: "s")),
             ["(question 4 of 12)", "Which sector?", "  1. Health", "  2. Finance"]),
            (.ask(Prompt(text: "Energy?", kind: .scale, hint: "1 = drained … 5 = full", nodeID: "e")), ["Energy?", "  (1 = drained … 5 = full)"]),
        ])
        func plainLines(_ event: Event, _ lines: [String]) {
            #expect(event.plainLines() == lines)
        }
    }
}
