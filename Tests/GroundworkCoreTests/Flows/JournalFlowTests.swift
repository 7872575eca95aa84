import Testing
@testable import GroundworkCore

@Suite struct JournalFlowTests {
    @Test func everyEntryGetsOneReflectionAndDoneSummarises() throws {
        var session = try ReflectionSession("journal")
        #expect(session.waitingAt == "entry_q")
        session.say("Work was a lot today.")
        #expect(session.last.filter { if case .reflect = $0 { return true } else { return false } }.count == 1)
        session.say(["I miss my sister", "Tomorrow I rest #rest mood: 2"])
        #expect(session.reflections.count == 3)
        session.say("/done")
        #expect(session.state.status == .completed)
        let summary = try #require(session.summary)
        #expect(summary.hasPrefix("Your journal today: 3 entries, 15 words."))
        #expect(session.state.variables["journal.entries"] == .list([
            .string("Work was a lot today."), .string("I miss my sister"), .string("Tomorrow I rest #rest mood: 2"),
        ]))
        #expect(session.nextStep != nil)
    }

    @Test func oneEntryIsSingular() throws {
        var session = try ReflectionSession("journal")
        session.say(["Just this.", "/done"])
        #expect(session.summary?.hasPrefix("Your journal today: 1 entry, 2 words.") == true)
    }

    @Test func doneAtOnceSuggestsComingBack() throws {
        var session = try ReflectionSession("journal")
        session.say("/done")
        #expect(session.summary?.hasPrefix("Your journal today: 0 entries, 0 words.") == true)
        #expect(session.nextStep == "write-it-down")
    }

    @Test func themesAreTheGroupsOfTheRepliesEachOnce() throws {
        var session = try ReflectionSession("journal")
        session.say(["Work was a lot today.", "My boss ignores me at work.", "I am afraid of losing my job"])
        let themes = session.state.variables["reflect.themes"]?.list ?? []
        #expect(!themes.isEmpty)
        #expect(Set(themes).count == themes.count)
        session.say("/done")
        let summary = try #require(session.summary)
        #expect(summary.contains("Themes that came up: " + themes.map(\.text).joined(separator: ", ") + "."))
    }

    @Test func emptyLineIsReasked() throws {
        var session = try ReflectionSession("journal")
        session.say("   ")
        #expect(session.last.contains(.invalid("Write a few words, or /done to finish.")))
        #expect(session.waitingAt == "entry_q")
    }
}

/// The safety net inside reflection flows and journal mode: it interrupts, records, and lets the
/// person continue where they were with nothing lost.
@Suite struct ReflectionSafetyTests {
    @Test func journalEntryTriggersTheNetAndContinueGoesOn() throws {
        var session = try ReflectionSession("journal", variables: ["country": .string("US")])
        session.say("A long shift.")
        session.say("I don't want to be here anymore")
        let message = try #require(session.safetyMessages.last)
        #expect(message.contains("988"))
        #expect(!message.contains("116 123"))
        #expect(session.state.safety.events.count == 1)
        #expect(session.state.safety.events.first?.category == "suicide")
        #expect(session.state.safety.awaitingChoice)
        session.say("1")
        #expect(session.state.safety.events.first?.choice == "continue")
        #expect(session.waitingAt == "entry_q")
        session.say(["Talking helps a bit.", "/done"])
        // The line that fired is not kept as an entry; the others are.
        #expect(session.state.variables["journal.entries"] == .list([.string("A long shift."), .string("Talking helps a bit.")]))
    }

    @Test(arguments: [("UK", "116 123"), ("ie", "116 123"), ("US", "988")])
    func countryPicksTheLine(_ country: String, _ line: String) throws {
        var session = try ReflectionSession("daily-checkin", variables: ["country": .string(country)])
        session.say("I want to kill myself")
        #expect(session.safetyMessages.last?.contains(line) == true)
    }

    @Test func noCountryGivesTheDirectory() throws {
        var session = try ReflectionSession("daily-checkin")
        session.say("thinking about ending it")
        let message = try #require(session.safetyMessages.last)
        #expect(message.contains("findahelpline.com"))
        #expect(!message.contains("988") && !message.contains("116 123"))
    }

    /// A hit in the middle of a flow, then "continue": the same question again, no answer lost.
    @Test func continueResumesAtTheSameQuestionWithNoAnswerLost() throws {
        var session = try ReflectionSession("daily-checkin")
        session.say(["arriving slowly", "3"])
        #expect(session.waitingAt == "mattered_q")
        let answersBefore = session.state.answers
        session.say("honestly I wish I was dead")
        #expect(session.state.safety.events.count == 1)
        #expect(session.state.answers == answersBefore)
        session.say("continue")
        #expect(session.waitingAt == "mattered_q")
        #expect(session.last.contains { if case .ask(let p) = $0 { return p.nodeID == "mattered_q" } else { return false } })
        session.say(["a call with a friend", "sleep early"])
        #expect(session.state.status == .completed)
        #expect(session.state.variables["arriving"] == .string("arriving slowly"))
        #expect(session.state.variables["energy"] == .number(3))
        #expect(session.state.variables["mattered"] == .string("a call with a friend"))
    }

    @Test func pauseKeepsTheSessionAndLeaveEndsIt() throws {
        var paused = try ReflectionSession("weekly-review")
        paused.say(["3", "I want to hurt myself", "2"])
        #expect(paused.state.status == .active)
        #expect(paused.state.safety.events.last?.choice == "pause")
        var left = try ReflectionSession("weekly-review")
        left.say(["3", "my partner hits me", "leave"])
        #expect(left.state.status == .abandoned)
        #expect(left.state.safety.events.last?.category == "abuse")
    }

    @Test func everydayIdiomsPassThrough() throws {
        var session = try ReflectionSession("journal")
        session.say(["This deadline is killing me.", "I could murder a coffee", "My job is a dead end"])
        #expect(session.state.safety.events.isEmpty)
        #expect(session.reflections.count == 3)
    }
}

/// For every bundled flow (the career check-in included, once it is bundled): answer plainly until
/// a free-text question comes after at least two answers, trip the safety net there, choose
/// "continue", and find the same question waiting with every answer and variable kept.
@Suite struct SafetyMidFlowTests {
    static var flowIDs: [String] {
        ((try? BundledScripts.load().0.flows.keys.sorted()) ?? []).filter { $0 != "journal" }
    }

    /// A plain valid answer for each kind of question.
    static func plainAnswer(_ prompt: Prompt) -> String {
        switch prompt.kind {
        case .text: return "my work with people"
        case .choice, .multi: return "1"
        case .scale: return "3"
        case .number: return "2"
        case .yesno: return "yes"
        }
    }

    @Test(arguments: flowIDs)
    func continueResumesTheSameQuestion(_ id: String) throws {
        let (library, _) = try BundledScripts.load()
        let engine = Engine(library: library)
        var state = try engine.start(flow: id, seed: 3).state
        for _ in 0..<200 {
            let prompt = try #require(engine.currentPrompt(state), "flow '\(id)' ended before a free-text question after two answers")
            if prompt.kind == .text, state.answers.count >= 2 { break }
            state = engine.step(state, .line(Self.plainAnswer(prompt))).state
        }
        let before = state
        let waiting = try #require(engine.currentPrompt(before))
        let hit = engine.step(before, .line("I've been thinking about ending it all"))
        #expect(hit.events.contains { if case .safety = $0 { return true } else { return false } })
        #expect(hit.state.safety.events.count == before.safety.events.count + 1)
        #expect(hit.state.answers == before.answers)
        let resumed = engine.step(hit.state, .line("continue"))
        #expect(resumed.events.contains(.ask(waiting)))
        #expect(resumed.state.cursor == before.cursor)
        #expect(resumed.state.answers == before.answers)
        #expect(resumed.state.variables == before.variables)
        #expect(resumed.state.safety.events.last?.choice == "continue")
    }
}
