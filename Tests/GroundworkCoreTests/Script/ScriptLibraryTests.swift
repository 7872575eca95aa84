import Testing
@testable import GroundworkCore

/// Loading several files together: cross-file references, duplicates, what gets registered.
struct ScriptLibraryTests {
    static let caller = """
        id: a
        title: A
        start: s
        nodes:
          s: {call: b, next: e}
          e: {end: Bye}
        """

    static let cases: [(String, [(String, String)], [String])] = [
        ("unknown flow in call", [("a.yaml", """
         id: a
         title: A
         start: s
         nodes:
           s: {call: chek-in, next: e}
           e: {end: Bye}
         """), ("c.yaml", "id: check-in\ntitle: C\nstart: e\nnodes:\n  e: {end: Bye}\n")],
         ["a.yaml:5:13: error: unknown flow 'chek-in'; did you mean 'check-in'?"]),
        ("call cycle", [("a.yaml", caller), ("b.yaml", """
         id: b
         title: B
         start: s
         nodes:
           s: {call: a, next: e}
           e: {end: Bye}
         """)], ["b.yaml:5:13: error: call cycle: 'a' → 'b' → 'a'"]),
        ("flow calling itself", [("a.yaml", caller.replacingOccurrences(of: "call: b", with: "call: a"))],
         ["a.yaml:5:13: error: call cycle: 'a' → 'a'"]),
        ("unknown rule set", [("a.yaml", """
         id: a
         title: A
         start: s
         nodes:
           s: {reflect: listenin, next: e}
           e: {end: Bye}
         """), ("listening.yaml", listeningRuleSet)],
         ["a.yaml:5:16: error: unknown rule set 'listenin'; did you mean 'listening'?"]),
        ("unknown prompt template", [("a.yaml", """
         id: a
         title: A
         start: s
         summary: {prompt: career/sumary}
         nodes:
           s: {say: {prompt: welcome}, next: e}
           e: {end: Bye}
         """)], ["a.yaml:4:19: error: unknown prompt template 'career/sumary'; did you mean 'career/summary'?",
                 "a.yaml:6:21: error: unknown prompt template 'welcome'"]),
        ("unknown partial", [("a.yaml", """
         id: a
         title: A
         start: s
         nodes:
           s: {say: "See: {{> career/intr}}", next: e}
           e: {end: Bye}
         """)], ["a.yaml:5:22: error: unknown prompt template 'career/intr'; did you mean 'career/intro'?"]),
        ("duplicate flow id", [("one.yaml", "id: a\ntitle: A\nstart: e\nnodes:\n  e: {end: Bye}\n"),
                               ("two.yaml", "title: A2\nid: a\nstart: e\nnodes:\n  e: {end: Bye}\n")],
         ["two.yaml:2:5: error: duplicate flow id 'a'; also in one.yaml"]),
        ("duplicate rule set id", [("r1.yaml", listeningRuleSet), ("r2.yaml", listeningRuleSet)],
         ["r2.yaml:1:5: error: duplicate rule set id 'listening'; also in r1.yaml"]),
        ("flow and rule set in one file", [("x.yaml", "id: x\nkeywords: []\nnodes: {}\n")],
         ["x.yaml:1:1: error: a file holds a flow ('nodes') or a rule set ('keywords'), not both"]),
    ]

    @Test(arguments: cases)
    func diagnostics(name: String, files: [(String, String)], expected: [String]) {
        #expect(lint(files, prompts: ["career/summary", "career/intro"]) == expected, "\(name)")
    }

    @Test func flowsWithErrorsAreNotRegistered() {
        let good = SourceFile(path: "good.yaml", text: "id: good\ntitle: G\nstart: e\nnodes:\n  e: {end: Bye}\n")
        let warned = SourceFile(path: "warned.yaml", text: "id: warned\ntitle: W\nstart: e\nnodes:\n  e: {end: Bye}\n  x: {end: Never}\n")
        let broken = SourceFile(path: "broken.yaml", text: "id: broken\ntitle: B\nstart: e\nnodes:\n  e: {end: Bye, nxt: e}\n")
        let caller = SourceFile(path: "caller.yaml", text: "id: caller\ntitle: C\nstart: s\nnodes:\n  s: {call: broken, next: e}\n  e: {end: Bye}\n")
        let (library, diagnostics) = ScriptLibrary.load(scripts: [good, warned, broken, caller], prompts: [])
        #expect(library.flows.keys.sorted() == ["good", "warned"])
        #expect(diagnostics.map(\.description) == [
            "warned.yaml:6:3: warning: node 'x' is never reached",
            "broken.yaml:5:17: error: unknown key 'nxt'",
        ])
    }

    @Test func taskClassifierFileIsLoadedIntoTheLibrary() {
        let rules = SourceFile(path: "classifier.yaml", text: """
            id: tiny
            kind: task-classifier
            base:
              E0: {points: 10, reason: "base e0"}
              E1: {points: 0, reason: "base e1"}
              E2: {points: 5, reason: "base e2"}
            families:
              writing: {label: E1, reason: "writing reason"}
            rules:
              - {starts: write, points: {E1: 30}, family: writing}
            """)
        let (library, diagnostics) = ScriptLibrary.load(scripts: [rules], prompts: [])
        #expect(diagnostics.isEmpty)
        #expect(library.classifier?.classify("Write memos").label == .e1)
        #expect(library.classifier?.classify("Lift boxes").label == .e0)
        let (_, twice) = ScriptLibrary.load(scripts: [rules, rules], prompts: [])
        #expect(twice.map(\.description) == ["classifier.yaml:1:1: error: a second task classifier; only one may be loaded"])
    }

    @Test func diagnosticsCarryTheSourceLineForACaret() {
        let text = "id: f\ntitle: F\nstart: a\nnodes:\n  a: {say: Hi, nxt: b, next: b}\n  b: {end: Bye}\n"
        let (_, diagnostics) = ScriptLibrary.load(scripts: [SourceFile(path: "f.yaml", text: text)], prompts: [])
        #expect(diagnostics.map(\.rendered) == ["""
            f.yaml:5:16: error: unknown key 'nxt'; did you mean 'next'?
              a: {say: Hi, nxt: b, next: b}
                           ^
            """])
    }

    @Test func unknownPartialInAPromptFile() {
        let prompts = [(name: "a", file: SourceFile(path: "prompts/a.mustache", text: "Line one.\nThen {{> b}} and {{>c }}.")),
                       (name: "b", file: SourceFile(path: "prompts/b.mustache", text: "B"))]
        let (_, diagnostics) = ScriptLibrary.load(scripts: [], prompts: prompts)
        #expect(diagnostics.map(\.description) == ["prompts/a.mustache:2:21: error: unknown prompt template 'c'"])
    }

    @Test func inlineTemplateErrorIsReported() {
        let diagnostics = lint("id: f\ntitle: F\nstart: a\nnodes:\n  a: {end: \"Hi {{#open}}\"}\n")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first == "f.yaml:5:15: error: section 'open' is never closed; add '{{/open}}'")
    }

    @Test func badPromptTemplateIsReported() {
        let (library, diagnostics) = ScriptLibrary.load(
            scripts: [], prompts: [(name: "broken", file: SourceFile(path: "prompts/broken.mustache", text: "Hi {{#open}}"))])
        #expect(library.prompts.templates["broken"] == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.description == "prompts/broken.mustache:1:4: error: section 'open' is never closed; add '{{/open}}'")
    }

    /// The example flow of the format documentation loads without a diagnostic, into the right model.
    @Test func completeFlowLoads() throws {
        let (library, diagnostics) = ScriptLibrary.load(
            scripts: [SourceFile(path: "career-checkin.yaml", text: Self.example),
                      SourceFile(path: "other.yaml", text: "id: other-flow\ntitle: O\nstart: e\nnodes:\n  e: {end: null}\n"),
                      SourceFile(path: "listening.yaml", text: listeningRuleSet)],
            prompts: [(name: "career/summary", file: SourceFile(path: "prompts/career/summary.mustache", text: "Score {{exposure.score}}"))])
        #expect(diagnostics.map(\.description) == [])
        #expect(library.flows["other-flow"] != nil)
        // The model is checked on the loader's own result: registration also needs the rule set to compile.
        var parseDiagnostics: [Diagnostic] = []
        let file = SourceFile(path: "career-checkin.yaml", text: Self.example)
        let root = try #require(YAMLParser.parse(file, diagnostics: &parseDiagnostics))
        let flow = FlowLoader.load(root, file: file, diagnostics: &parseDiagnostics).flow
        #expect(parseDiagnostics.isEmpty)
        #expect(flow.title == "Career check-in")
        #expect(flow.category == "career")
        #expect(flow.start == "intro")
        #expect(flow.contentHash == SHA256.hex(Array(Self.example.utf8)))
        #expect(flow.contentHash.count == 64)
        #expect(flow.nodeOrder == ["intro", "role", "years", "sector", "finance_q", "energy", "picks", "ok", "calc", "route",
                                   "early", "listen", "tasks_loop", "task_name", "after", "sub", "done"])
        #expect(flow.variables.map(\.name) == ["years", "task_names", "more"])
        #expect(flow.variables.first?.defaultValue == .number(0))
        #expect(flow.scores.map(\.name) == ["exposure.score"])
        #expect(flow.nextSteps.map(\.step) == ["own-an-outcome", "quarterly-checkin"])
        #expect(flow.nextSteps.first?.condition != nil && flow.nextSteps.last?.condition == nil)

        guard case .ask(let years)? = flow.nodes["years"]?.kind,
              case .number(let min, let max, let integer, _) = years.input else { Issue.record("years"); return }
        #expect(min == 0 && max == 60 && integer)
        #expect(years.maxReasks == 3 && years.onGiveUp == "sector" && years.skippable && years.save == "years")

        guard case .ask(let sector)? = flow.nodes["sector"]?.kind, case .choice(let options) = sector.input else {
            Issue.record("sector"); return
        }
        #expect(options == [ChoiceOption(label: "Health"), ChoiceOption(label: "Finance", value: .string("finance"), next: "finance_q")])

        guard case .ask(let energy)? = flow.nodes["energy"]?.kind, case .scale(1, 5, "drained", "full of energy") = energy.input else {
            Issue.record("energy"); return
        }
        guard case .ask(let picks)? = flow.nodes["picks"]?.kind, case .multi(let choices, 1, 2) = picks.input else {
            Issue.record("picks"); return
        }
        #expect(choices.map(\.label) == ["a", "b", "c"])
        guard case .ask(let ok)? = flow.nodes["ok"]?.kind, case .yesno = ok.input else { Issue.record("ok"); return }
        guard case .set(let assignments)? = flow.nodes["calc"]?.kind else { Issue.record("calc"); return }
        #expect(assignments.map(\.name) == ["total", "label"])
        guard case .branch(let arms, "tasks_loop")? = flow.nodes["route"]?.kind else { Issue.record("route"); return }
        #expect(arms.map(\.target) == ["early"])
        guard case .reflect(let reflect)? = flow.nodes["listen"]?.kind else { Issue.record("listen"); return }
        #expect(reflect.ruleSet == "listening" && reflect.source == nil)
        guard case .loop(let loop)? = flow.nodes["tasks_loop"]?.kind else { Issue.record("loop"); return }
        #expect(loop.body == "task_name" && loop.maxPasses == 8 && loop.counter == "task_count")
        #expect(loop.item == "task" && loop.expectedPasses == 3)
        #expect(flow.nodes["tasks_loop"]?.next == "after")
        guard case .call("other-flow")? = flow.nodes["sub"]?.kind else { Issue.record("sub"); return }
        guard case .end(.some(.inline(let bye)))? = flow.nodes["done"]?.kind else { Issue.record("done"); return }
        #expect(bye.source == "Thank you.")
        guard case .say(.inline(let hello))? = flow.nodes["intro"]?.kind else { Issue.record("intro"); return }
        #expect(hello.render(["user": .string("Ana")]) == "Hello Ana.")
        guard case .prompt("career/summary", _)? = flow.summary else { Issue.record("summary"); return }
    }

    static let example = """
        id: career-checkin
        title: Career check-in
        description: One line for groundwork flows.
        category: career
        start: intro
        variables:
          years: {type: number, default: 0}
          task_names: {type: list, default: []}
          more: {type: bool, default: true}
        scores:
          - exposure.score: "round(years * 100)"
        summary: {prompt: career/summary}
        next_steps:
          - if: "exposure.score >= 50 and energy < 2"
            step: own-an-outcome
            say: "Pick one result at work you could own end to end."
          - else: quarterly-checkin
            say: "Check in again in three months."
        nodes:
          intro:
            say: "Hello {{user}}."
            next: role
          role:
            ask: "What is your job, in your own words?"
            input: {text: {min_length: 3}}
            save: job_title
            next: years
          years:
            ask: "How many years in this role?"
            input: {number: {min: 0, max: 60, integer: true}}
            reask: "A number of years, please — 0 if you've just started."
            max_reasks: 3
            on_give_up: sector
            help: "Round to whole years."
            skippable: true
            save: years
            next: sector
          sector:
            ask: "Which sector?"
            input:
              choice:
                - Health
                - {label: Finance, value: finance, next: finance_q}
            save: sector
            next: energy
          finance_q:
            ask: "Which part of finance?"
            input: text
            save: finance_part
            next: energy
          energy:
            ask: "Energy today?"
            input: {scale: {min: 1, max: 5, labels: [drained, full of energy]}}
            save: energy
            next: picks
          picks:
            ask: "Which apply?"
            input: {multi: {options: [a, b, c], min: 1, max: 2}}
            save: picks
            next: ok
          ok:
            ask: "Shall we go on?"
            input: yesno
            save: go_on
            next: calc
          calc:
            set: {total: "years + 1", label: "'senior'"}
            next: route
          route:
            branch:
              - if: "years <= 2"
                goto: early
              - else: tasks_loop
          early:
            say: "Early days, then."
            next: listen
          listen:
            reflect: listening
            next: tasks_loop
          tasks_loop:
            loop: {while: "len(task_names) < 8 and more", do: task_name, max: 8, counter: task_count, item: task, expect: 3}
            next: after
          task_name:
            ask: "Name a task, or leave it empty."
            input: text
            save: task
            next: tasks_loop
          after:
            say: "You named {{task_count}} tasks."
            next: sub
          sub:
            call: other-flow
            next: done
          done:
            end: "Thank you."
        """
}
