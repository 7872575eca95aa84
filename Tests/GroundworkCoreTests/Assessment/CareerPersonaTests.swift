import Foundation
import Testing
@testable import GroundworkCore

/// Eight people run through the whole career check-in, answer by answer, in the engine. Their
/// scores, bands, pressures, ground and next steps are worked out by hand below (arithmetic in
/// the comments), not copied from the program's output.
///
/// Answer numbers for the label question: 1 = a chatbot alone could (E1), 2 = only with software
/// built around it (E2), 3 = not at the same quality (E0).
struct Persona: Sendable, CustomStringConvertible {
    var id: String
    var role: String
    var sector: Int
    var years: String
    /// (task, percent of the week, label answer 1/2/3)
    var tasks: [(String, String, Int)]
    /// info, routine, standard (percents); ownership, physical, accountability, local knowledge,
    /// relational, remote (1–5); reviews AI (yes/no); compressed (yes/no); friction, worth (1–5).
    var factors: [String]
    /// The pick among the next steps the summary offers: "1", the closest fit; nil when only one
    /// step fits and nothing is asked.
    var pick: String? = "1"

    var description: String { id }

    /// Every line the person types, in order.
    var lines: [String] {
        var out = [role, String(sector), years]
        for (i, task) in tasks.enumerated() {
            out += [task.0, task.1, String(task.2)]
            // From the third task on, the coach asks for another (never after the eighth).
            if i >= 2, i < 7 { out.append(i == tasks.count - 1 ? "no" : "yes") }
        }
        return out + factors + (pick.map { [$0] } ?? [])
    }
}

/// What a persona's check-in must come to, worked out by hand.
struct Expected: Sendable {
    var score: Double
    var band: String
    var alpha: Double
    var beta: Double
    var zeta: Double
    var pressures: [String]
    var ground: [String]
    var nextStep: String
}

enum Personas {
    static let all: [(Persona, Expected)] = [
        // Data-entry clerk. Weights 0.5 (E2), 0.25 (E1), 0.15 (E1), 0.1 (E0).
        // alpha = 0.25 + 0.15 = 0.4; beta = 0.5·0.5 + 0.4 = 0.65; zeta = 0.9; score 65.
        // mean 0.65; var = 0.5·0.15² + 0.4·0.35² + 0.1·0.65² = 0.01125 + 0.049 + 0.04225 = 0.1025;
        // sd 0.320; mean − sd 0.33 < 0.5 with mean ≥ 0.6 → gradient 3. sd < 0.35: no fragmentation.
        // Pressures: repricing (beta ≥ 0.5, standard 50 ≥ 40), compression (yes), wage reset
        // (remote 4, beta ≥ 0.4). Ground: nothing at 4+. Next: worth 2, no review, 6 years →
        // score 65 ≥ 50 and ownership 2 < 4 → own-an-outcome.
        (Persona(id: "data-entry-clerk", role: "data entry clerk", sector: 8, years: "6",
                 tasks: [("typing invoice data into the finance system", "50", 2),
                         ("checking records for errors", "25", 1),
                         ("answering emails about missing data", "15", 1),
                         ("scanning and filing paper documents", "10", 3)],
                 factors: ["60", "70", "50", "2", "1", "1", "2", "1", "4", "no", "yes", "2", "2"]),
         Expected(score: 65, band: "gradient 3", alpha: 0.4, beta: 0.65, zeta: 0.9,
                  pressures: ["repricing", "compression", "wage-reset"], ground: [], nextStep: "own-an-outcome")),

        // Translator. Weights 0.6 (E1), 0.2 (E1), 0.1 (E0), 0.1 (E2).
        // alpha 0.8; beta 0.8 + 0.05 = 0.85; zeta 0.9; score 85.
        // mean 0.85; var = 0.8·0.15² + 0.1·0.85² + 0.1·0.35² = 0.018 + 0.07225 + 0.01225 = 0.1025;
        // sd 0.320; mean − sd 0.53 ≥ 0.5 → gradient 4.
        // Pressures: repricing (standard 60), liability buffer (reviews AI), compression, wage reset
        // (remote 5). Next: worth 5 ≥ 4 and score ≥ 40 → beyond-doing.
        (Persona(id: "translator", role: "freelance translator", sector: 4, years: "12",
                 tasks: [("translating contracts from German into English", "60", 1),
                         ("post-editing machine translations", "20", 1),
                         ("talking with clients about terminology", "10", 3),
                         ("invoicing and admin", "10", 2)],
                 factors: ["40", "30", "60", "3", "1", "2", "1", "2", "5", "yes", "yes", "1", "5"]),
         Expected(score: 85, band: "gradient 4", alpha: 0.8, beta: 0.85, zeta: 0.9,
                  pressures: ["repricing", "liability-buffer", "compression", "wage-reset"], ground: [],
                  nextStep: "beyond-doing")),

        // Junior developer, one year in. Weights 0.5 (E1), 0.2 (E2), 0.15 (E2), 0.15 (E0).
        // alpha 0.5; beta 0.5 + 0.1 + 0.075 = 0.675; zeta 0.85; score round(67.5) = 68.
        // mean 0.675; var = 0.5·0.325² + 0.35·0.175² + 0.15·0.675²
        //   = 0.0528125 + 0.01071875 + 0.06834375 = 0.131875; sd 0.363 → mean − sd 0.31 → gradient 3.
        // Pressures: repricing (standard 50), fragmentation (sd ≥ 0.35), broken ladder (1 year,
        // beta ≥ 0.3), wage reset (remote 5). Next: worth 3, no review → broken ladder → find-a-mentor.
        (Persona(id: "junior-developer", role: "junior software developer", sector: 4, years: "1",
                 tasks: [("writing code for new features", "50", 1),
                         ("fixing bugs from tickets", "20", 2),
                         ("reviewing pull requests", "15", 2),
                         ("stand-ups and planning meetings", "15", 3)],
                 factors: ["30", "30", "50", "2", "1", "1", "2", "2", "5", "no", "no", "1", "3"]),
         Expected(score: 68, band: "gradient 3", alpha: 0.5, beta: 0.675, zeta: 0.85,
                  pressures: ["repricing", "fragmentation", "broken-ladder", "wage-reset"], ground: [],
                  nextStep: "find-a-mentor")),

        // Nurse. Weights 0.35 (E0), 0.25 (E0), 0.2 (E1), 0.1 (E0), 0.1 (E2).
        // alpha 0.2; beta 0.2 + 0.05 = 0.25; zeta 0.3; score 25.
        // mean 0.25; var = 0.7·0.25² + 0.2·0.75² + 0.1·0.25² = 0.04375 + 0.1125 + 0.00625 = 0.1625;
        // sd 0.403; mean + sd 0.65 ≥ 0.5 and mean < 0.4 → gradient 1.
        // Pressures: fragmentation (sd ≥ 0.35), compression (yes). Ground: physical 5,
        // accountability 5, local knowledge 4, relational 5, friction 4 (ownership 3 is not held).
        // Next: worth 3, no review, 9 years; compression in health and care → staffing-record.
        (Persona(id: "nurse", role: "nurse on a surgical ward", sector: 1, years: "9",
                 tasks: [("giving medication and treatments", "35", 3),
                         ("assessing patients at the bedside", "25", 3),
                         ("writing care notes and handovers", "20", 1),
                         ("talking with families", "10", 3),
                         ("coordinating with doctors and pharmacy", "10", 2)],
                 factors: ["20", "30", "15", "3", "5", "5", "4", "5", "1", "no", "yes", "4", "3"]),
         Expected(score: 25, band: "gradient 1", alpha: 0.2, beta: 0.25, zeta: 0.3,
                  pressures: ["fragmentation", "compression"],
                  ground: ["physical", "accountability", "local_knowledge", "relational", "friction"],
                  nextStep: "staffing-record")),

        // Electrician. Weights 0.55 (E0), 0.2 (E0), 0.1 (E1), 0.05 (E2), 0.1 (E0).
        // alpha 0.1; beta 0.1 + 0.025 = 0.125; zeta 0.15; score round(12.5) = 13.
        // mean 0.125; var = 0.85·0.125² + 0.1·0.875² + 0.05·0.375²
        //   = 0.01328125 + 0.0765625 + 0.00703125 = 0.096875; sd 0.311; mean + sd 0.436 → minimal.
        // Pressures: none. Ground: ownership, physical, accountability, local knowledge, friction.
        // Next: worth 4 but score 13 < 40; nothing else holds until five kinds of ground ≥ 3 →
        // name-your-ground.
        (Persona(id: "electrician", role: "electrician", sector: 6, years: "15",
                 tasks: [("installing wiring and fittings on site", "55", 3),
                         ("finding faults in old installations", "20", 3),
                         ("writing quotes and invoices", "10", 1),
                         ("ordering materials", "5", 2),
                         ("talking customers through options", "10", 3)],
                 factors: ["10", "30", "10", "5", "5", "5", "4", "3", "1", "no", "no", "4", "4"]),
         Expected(score: 13, band: "minimal exposure", alpha: 0.1, beta: 0.125, zeta: 0.15, pressures: [],
                  ground: ["ownership", "physical", "accountability", "local_knowledge", "friction"],
                  nextStep: "name-your-ground")),

        // Paralegal who reviews AI drafts. Weights 0.4 (E2), 0.25 (E1), 0.2 (E1), 0.15 (E0).
        // alpha 0.45; beta 0.2 + 0.45 = 0.65; zeta 0.85; score 65.
        // mean 0.65; var = 0.4·0.15² + 0.45·0.35² + 0.15·0.65² = 0.009 + 0.055125 + 0.063375 = 0.1275;
        // sd 0.357; mean − sd 0.29 → gradient 3.
        // Pressures: repricing (standard 40), fragmentation (0.357 ≥ 0.35), liability buffer,
        // compression. Next: worth 3 → liability buffer, not health, accountability 3 < 4 (the paralegal does
        // not sign) → review-checklist.
        (Persona(id: "paralegal", role: "paralegal reviewing AI drafts", sector: 3, years: "4",
                 tasks: [("reviewing AI-drafted contracts for errors", "40", 2),
                         ("legal research for cases", "25", 1),
                         ("preparing court filings", "20", 1),
                         ("meeting clients to gather facts", "15", 3)],
                 factors: ["50", "40", "40", "2", "1", "3", "2", "2", "3", "yes", "yes", "3", "3"]),
         Expected(score: 65, band: "gradient 3", alpha: 0.45, beta: 0.65, zeta: 0.85,
                  pressures: ["repricing", "fragmentation", "liability-buffer", "compression"], ground: [],
                  nextStep: "review-checklist")),

        // Manager who owns outcomes. Weights 0.2 (E0), 0.2 (E0), 0.2 (E1), 0.15 (E0), 0.15 (E1), 0.1 (E2).
        // alpha 0.35; beta 0.35 + 0.05 = 0.4; zeta 0.45; score 40.
        // mean 0.4 (exactly on the edge: gradient 2 starts at 0.4); var = 0.55·0.4² + 0.35·0.6² +
        // 0.1·0.1² = 0.088 + 0.126 + 0.001 = 0.215; sd 0.464; mean + sd 0.86 → gradient 2.
        // Pressures: fragmentation only (beta 0.4 < 0.5, remote 2). Ground: ownership 5,
        // accountability 4, local knowledge 4, relational 4.
        // Next: worth 3, no review, 8 years, score 40 < 50, no wage reset, compression or
        // repricing → score ≥ 40 → fifteen-percent-solution.
        (Persona(id: "manager", role: "operations manager", sector: 5, years: "8",
                 tasks: [("running weekly planning with the team", "20", 3),
                         ("one-to-ones and coaching", "20", 3),
                         ("writing reports for leadership", "20", 1),
                         ("deciding budgets and priorities", "15", 3),
                         ("answering email", "15", 1),
                         ("screening job applications", "10", 2)],
                 factors: ["40", "20", "25", "5", "1", "4", "4", "4", "2", "no", "no", "2", "3"]),
         Expected(score: 40, band: "gradient 2", alpha: 0.35, beta: 0.4, zeta: 0.45, pressures: ["fragmentation"],
                  ground: ["ownership", "accountability", "local_knowledge", "relational"],
                  nextStep: "fifteen-percent-solution")),

        // Therapist; shares add up to 50, so they are scaled: 0.7 (E0), 0.2 (E0), 0.1 (E2).
        // alpha 0; beta 0.05; zeta 0.1; score 5. mean 0.05; var = 0.9·0.05² + 0.1·0.45²
        //   = 0.00225 + 0.02025 = 0.0225; sd 0.15; mean + sd 0.2 < 0.4 → not exposed.
        // Pressures: none (3 years). Ground: relational only.
        // Next: nothing holds (score 5, one kind of ground) → quarterly-checkin.
        (Persona(id: "therapist", role: "psychotherapist", sector: 1, years: "3",
                 tasks: [("therapy sessions with clients", "35", 3),
                         ("clinical supervision", "10", 3),
                         ("writing session notes", "5", 2)],
                 factors: ["10", "10", "10", "3", "1", "3", "3", "5", "3", "no", "no", "2", "2"], pick: nil),
         Expected(score: 5, band: "not exposed", alpha: 0, beta: 0.05, zeta: 0.1, pressures: [],
                  ground: ["relational"], nextStep: "quarterly-checkin")),

        // Customer service representative. Weights 0.4 (E1), 0.3 (E0), 0.2 + 0.1 (E2).
        // alpha 0.4; beta 0.4 + 0.5·0.3 = 0.55; zeta 0.7; score 55. mean 0.55;
        // var = 0.4·0.45² + 0.3·0.55² + 0.3·0.05² = 0.081 + 0.09075 + 0.00075 = 0.1725; sd 0.415;
        // mean in [0.5, 0.6) → gradient 3; sd ≥ 0.35 → fragmentation. Repricing (beta ≥ 0.5, standard
        // 40), compression (yes), wage reset (remote 4, beta ≥ 0.4). Ground: relational 4.
        // Next: worth 2, no review, 3 years; compression, not health, relational 4 ≥ 3 and info 60 ≥ 40
        // → queue-evidence (before own-an-outcome: the squeeze is what to act on first).
        (Persona(id: "customer-service", role: "customer service rep for an online shop", sector: 7, years: "3",
                 tasks: [("answering customer emails", "40", 1),
                         ("taking calls from customers", "30", 3),
                         ("processing refunds in the order system", "20", 2),
                         ("updating the crm after calls", "10", 2)],
                 factors: ["60", "50", "40", "2", "1", "1", "2", "4", "4", "no", "yes", "2", "2"]),
         Expected(score: 55, band: "gradient 3", alpha: 0.4, beta: 0.55, zeta: 0.7,
                  pressures: ["repricing", "fragmentation", "compression", "wage-reset"], ground: ["relational"],
                  nextStep: "queue-evidence")),

        // Ward nurse under compression (six patients each went to eight). Weights 0.3 + 0.2 + 0.15 (E0),
        // 0.25 (E1), 0.1 (E2). alpha 0.25; beta 0.25 + 0.05 = 0.3; zeta 0.35; score 30. mean 0.3;
        // var = 0.65·0.3² + 0.25·0.7² + 0.1·0.2² = 0.0585 + 0.1225 + 0.004 = 0.185; sd 0.430;
        // mean + sd ≥ 0.5, mean < 0.4 → gradient 1; fragmentation; compression. Ground: physical 5,
        // accountability 5, local 4, relational 5, friction 4 (ownership 3 is not held).
        // Next: worth 3, no review, 6 years; compression in health → staffing-record.
        (Persona(id: "ward-nurse", role: "staff nurse on a busy medical ward", sector: 1, years: "6",
                 tasks: [("drug rounds and obs", "30", 3),
                         ("admitting and discharging patients", "20", 3),
                         ("writing care notes and the handover", "25", 1),
                         ("charting on the epic system", "10", 2),
                         ("talking with families", "15", 3)],
                 factors: ["20", "30", "20", "3", "5", "5", "4", "5", "1", "no", "yes", "4", "3"]),
         Expected(score: 30, band: "gradient 1", alpha: 0.25, beta: 0.3, zeta: 0.35,
                  pressures: ["fragmentation", "compression"],
                  ground: ["physical", "accountability", "local_knowledge", "relational", "friction"],
                  nextStep: "staffing-record")),

        // Legal secretary. Weights 0.35 + 0.2 (E1), 0.15 + 0.15 (E2), 0.15 (E0). alpha 0.55;
        // beta 0.55 + 0.5·0.3 = 0.7; zeta 0.85; score 70. mean 0.7;
        // var = 0.55·0.3² + 0.3·0.2² + 0.15·0.7² = 0.0495 + 0.012 + 0.0735 = 0.135; sd 0.367;
        // mean ≥ 0.6 but mean − sd 0.33 < 0.5 → gradient 3 (the last band); fragmentation (sd ≥ 0.35);
        // repricing (standard 60). Ground: nothing at 4+. Next: worth 3, no review, no compression;
        // finance or law, score 70 ≥ 50, reviews no AI → house-style-checker.
        (Persona(id: "legal-secretary", role: "legal secretary at a high street firm", sector: 3, years: "18",
                 tasks: [("typing up letters from dictation", "35", 1),
                         ("managing the partners diaries", "15", 2),
                         ("formatting and proofreading contracts", "20", 1),
                         ("opening files in the case management system", "15", 2),
                         ("greeting clients and answering the phone", "15", 3)],
                 factors: ["50", "60", "60", "2", "1", "2", "3", "3", "3", "no", "no", "3", "3"]),
         Expected(score: 70, band: "gradient 3", alpha: 0.55, beta: 0.7, zeta: 0.85,
                  pressures: ["repricing", "fragmentation"], ground: [], nextStep: "house-style-checker")),

        // Warehouse supervisor. Weights 0.35 + 0.1 + 0.15 (E0), 0.15 + 0.15 (E2), 0.1 (E1).
        // alpha 0.1; beta 0.1 + 0.5·0.3 = 0.25; zeta 0.4; score 25. mean 0.25;
        // var = 0.6·0.25² + 0.3·0.25² + 0.1·0.75² = 0.0375 + 0.01875 + 0.05625 = 0.1125; sd 0.335;
        // mean + sd 0.585 ≥ 0.5, mean < 0.4 → gradient 1; sd < 0.35: no fragmentation; no pressure.
        // Ground: ownership 4, physical 4, local 4, relational 4. Next: no pressure, not finance or
        // law, score 25 < 50; physical 4 ≥ 3, relational 4 ≥ 4, score < 40 → show-the-floor-work.
        (Persona(id: "warehouse-supervisor", role: "warehouse shift supervisor", sector: 7, years: "7",
                 tasks: [("walking the floor sorting out problems with pickers and drivers", "35", 3),
                         ("planning the shift rota in excel", "15", 2),
                         ("checking stock levels on the wms", "15", 2),
                         ("morning briefing with the team", "10", 3),
                         ("writing the weekly performance email", "10", 1),
                         ("driving the reach truck when we are short", "15", 3)],
                 factors: ["25", "40", "20", "4", "4", "3", "4", "4", "1", "no", "no", "2", "3"]),
         Expected(score: 25, band: "gradient 1", alpha: 0.1, beta: 0.25, zeta: 0.4, pressures: [],
                  ground: ["ownership", "physical", "local_knowledge", "relational"], nextStep: "show-the-floor-work")),
    ]
}

@Suite struct CareerPersonaTests {
    /// Runs a persona's lines through the engine and returns the final state.
    static func run(_ persona: Persona, library: ScriptLibrary, variables: [String: Value] = [:]) throws -> (SessionState, [Event]) {
        let engine = Engine(library: library)
        var step = try engine.start(flow: "career-checkin", seed: 42, variables: variables)
        var events = step.events
        for line in persona.lines {
            guard step.state.status == .active else { break }
            step = engine.step(step.state, .line(line))
            events += step.events
        }
        return (step.state, events)
    }

    @Test(arguments: Personas.all.map { $0.0.id })
    func checkInMatchesTheHandWorkedNumbers(id: String) throws {
        let (persona, expected) = try #require(Personas.all.first { $0.0.id == id })
        let (library, diagnostics) = try CareerCheckinFixture.library()
        #expect(!diagnostics.contains { $0.severity == .error })
        let (state, events) = try Self.run(persona, library: library)
        #expect(!events.contains { if case .invalid = $0 { true } else { false } }, "an answer was refused")
        #expect(state.status == .completed)
        let summary = try #require(state.summary)
        let scores = summary.scores
        #expect(scores["exposure.score"] == .number(expected.score))
        #expect(scores["exposure.band"] == .string(expected.band))
        #expect(scores["exposure.alpha"]?.number.map { abs($0 - expected.alpha) < 0.0005 } == true, "\(String(describing: scores["exposure.alpha"]))")
        #expect(scores["exposure.beta"]?.number.map { abs($0 - expected.beta) < 0.0005 } == true, "\(String(describing: scores["exposure.beta"]))")
        #expect(scores["exposure.zeta"]?.number.map { abs($0 - expected.zeta) < 0.0005 } == true, "\(String(describing: scores["exposure.zeta"]))")
        #expect(scores["pressures"] == .list(expected.pressures.map(Value.string)))
        #expect(scores["ground"] == .list(expected.ground.map(Value.string)))
        #expect(scores["tasks.name"] == .list(persona.tasks.map { .string($0.0) }))
        #expect(summary.nextStepID == expected.nextStep)
        #expect(!(summary.nextStepText ?? "").isEmpty)
        #expect(summary.text.contains("Your exposure score: \(Int(expected.score)) out of 100. "))
        #expect(summary.text.contains("(ILO band: \(expected.band))"))
    }
}

extension CareerPersonaTests {
    /// With an occupation table, the electrician confirms the closest title and the summary shows
    /// its published exposure beside their own: Electricians' human beta 0.146 → 15; theirs is 13.
    @Test func referenceFigureSitsBesideTheOwnScore() throws {
        var (library, _) = try CareerCheckinFixture.library()
        library.reference = try OccupationReferenceTests.shared()
        var persona = try #require(Personas.all.first { $0.0.id == "electrician" }?.0)
        persona.role = "electrician"
        let engine = Engine(library: library)
        var step = try engine.start(flow: "career-checkin", seed: 1)
        step = engine.step(step.state, .line(persona.role))
        let question = step.events.compactMap { if case .ask(let p) = $0 { p.text } else { nil } }.last ?? ""
        #expect(question.contains("  1. Electricians\n"))
        step = engine.step(step.state, .line("1"))
        for line in persona.lines.dropFirst() { step = engine.step(step.state, .line(line)) }
        let summary = try #require(step.state.summary)
        #expect(summary.scores["exposure.score"] == .number(13))
        #expect(summary.text.contains("Published exposure for Electricians (47-2111.00): 15 out of 100 (beta from human annotators, Eloundou et al. 2024). Yours, from your own week: 13 out of 100."))
    }

    /// "0" (none fits) leaves the reference line out.
    @Test func noneFitsLeavesTheReferenceOut() throws {
        var (library, _) = try CareerCheckinFixture.library()
        library.reference = try OccupationReferenceTests.shared()
        var persona = try #require(Personas.all.first { $0.0.id == "therapist" }?.0)
        persona.role = "family therapist"
        let engine = Engine(library: library)
        var step = try engine.start(flow: "career-checkin", seed: 1)
        step = engine.step(step.state, .line(persona.role))
        let question = step.events.compactMap { if case .ask(let p) = $0 { p.text } else { nil } }.last ?? ""
        #expect(question.contains("Which is closest?"))
        step = engine.step(step.state, .line("0"))
        for line in persona.lines.dropFirst() { step = engine.step(step.state, .line(line)) }
        let summary = try #require(step.state.summary)
        #expect(summary.scores["exposure.score"] == .number(5))
        #expect(!summary.text.contains("Published exposure"))
    }
}

extension CareerPersonaTests {
    /// The command line passes earlier scores as `trend`; the summary shows them beside today's.
    @Test func trendFromEarlierCheckIns() throws {
        let (library, _) = try CareerCheckinFixture.library()
        let persona = try #require(Personas.all.first { $0.0.id == "data-entry-clerk" }?.0)
        // 70 → 70/100·7 + 0.5 = 5.4 → ▆; 66 → 5.12 → ▆
        let (state, _) = try Self.run(persona, library: library, variables: ["trend": .string(ExposureTrend.text(earlier: [70, 66]))])
        #expect(state.summary?.text.contains("Your earlier check-ins: ▆▆ (70, 66); today: 65.") == true)
    }
}

extension CareerPersonaTests {
    /// Skipping the years question must not count as "0 years": the junior developer without years
    /// gets no broken ladder, so the next rule that holds is own-an-outcome (68 ≥ 50, ownership 2).
    @Test func skippedYearsRaiseNoBrokenLadder() throws {
        let (library, _) = try CareerCheckinFixture.library()
        let persona = try #require(Personas.all.first { $0.0.id == "junior-developer" }?.0)
        let engine = Engine(library: library)
        var step = try engine.start(flow: "career-checkin", seed: 42)
        for (index, line) in persona.lines.enumerated() {
            step = engine.step(step.state, index == 2 ? .skip : .line(line))
        }
        let summary = try #require(step.state.summary)
        #expect(summary.scores["exposure.score"] == .number(68))
        #expect(summary.scores["pressures"] == .list([.string("repricing"), .string("fragmentation"), .string("wage-reset")]))
        #expect(summary.nextStepID == "own-an-outcome")
    }
}
