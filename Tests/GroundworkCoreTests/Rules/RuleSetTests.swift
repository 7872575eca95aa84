import Testing
@testable import GroundworkCore

@Suite struct RulesRuleSetTests {
    @Test func fixtureLoadsClean() throws {
        var diagnostics: [Diagnostic] = []
        let set = RuleSet.load(SourceFile(path: "test.yaml", text: RuleSetFixture.yaml), diagnostics: &diagnostics)
        #expect(diagnostics.map(\.description) == [])
        #expect(set?.id == "test")
        #expect(set?.keywordCount == 8)
        #expect(set?.groups == ["family", "memory", "questions"])
    }

    /// One line each, fresh memory: the reply text.
    @Test(arguments: [
        // ranks: remember (5) beats @family (3) and my (2)
        ("my mother says I remember everything", "Do you often think of everything?"),
        // reflection of the matched part
        ("My boss hates me", "Your boss hates you?"),
        ("I remember my boss shouting at me", "Do you often think of your boss shouting at you?"),
        // _ takes exactly one word, * the rest
        ("I am tired", "How long have you been tired?"),
        ("I am very tired", "Do you enjoy being very tired?"),
        // alternatives are parts
        ("I felt lost", "You felt lost?"),
        ("i feel lost", "You feel lost?"),
        // synonym group, with next_keyword from 'mother' (rank 4) down to @family (rank 3)
        ("my sister calls every day", "Tell me more about your sister."),
        ("my mother calls every day", "Tell me more about your mother."),
        // substitutions before matching, with a curly apostrophe
        ("I’m exhausted", "How long have you been exhausted?"),
        ("im exhausted", "How long have you been exhausted?"),
        // case does not matter; the user's casing of other words is kept
        ("I REMEMBER Lisbon", "Do you often think of Lisbon?"),
        // nothing matches
        ("the weather is grey", "Please go on."),
        ("", "Please go on."),
    ])
    func singleReply(line: String, expected: String) {
        #expect(RuleSetFixture.replies([line]).first?.text == expected)
    }

    @Test func equalRanksKeepTheOrderOfAppearance() {
        // 'am' and 'feel' and 'tired' are all rank 0: the first one in the clause is tried first.
        #expect(RuleSetFixture.replies(["tired, i feel"]).first?.text == "What tires you?")
        #expect(RuleSetFixture.replies(["i feel tired"]).first?.text == "You feel tired?")
    }

    @Test func repliesRotatePerPattern() {
        let replies = RuleSetFixture.replies(Array(repeating: "I remember the sea", count: 4)).map(\.text)
        #expect(replies == ["Do you often think of the sea?", "What else comes to mind about the sea?",
                            "Why remember the sea now?", "Do you often think of the sea?"])
    }

    @Test func rotationStateLivesInListenerMemory() throws {
        let set = try #require(RuleSetFixture.ruleSet())
        var memory = ListenerMemory()
        _ = set.respond(to: "I remember the sea", memory: &memory)
        #expect(memory.rotation["test/remember/0"] == 1)
        var copy = memory
        #expect(set.respond(to: "I remember the sea", memory: &copy).text == "What else comes to mind about the sea?")
        #expect(set.respond(to: "I remember the sea", memory: &memory).text == "What else comes to mind about the sea?")
    }

    @Test func gotoRedirectsToAnotherKeyword() throws {
        let reply = try #require(RuleSetFixture.replies(["I recall nothing"]).first)
        #expect(reply.text == "Why do you ask?")
        #expect(reply.keyword == "what")
        #expect(reply.group == "questions")
        #expect(reply.explanation == #"keyword 'remember' (rank 5), pattern 2 "*", reply 1 of 1: goto 'what'; keyword 'what' (rank 0), pattern 1 "*", reply 1 of 1"#)
    }

    @Test func nextKeywordTriesTheNextOne() throws {
        let replies = RuleSetFixture.replies(["my job makes me feel tired", "my job makes me feel tired", "my job makes me feel tired"])
        #expect(replies.map(\.text) == ["Your job makes you feel tired?", "What tires you?", "Your job makes you feel tired?"])
        #expect(replies[1].explanation.hasPrefix(#"keyword 'my' (rank 2), pattern 1 "* my *", reply 2 of 2: next keyword; keyword 'tired'"#))
    }

    @Test func memoryStoresAndRecallsTheOldestRemark() {
        let replies = RuleSetFixture.replies([
            "my job is dull",            // 'my' answers and stores a remark
            "my garden is lovely",       // rotation: next_keyword, nothing else → remark from line 1
            "the weather is grey",       // nothing matches → the remark from line 2
            "the weather is grey",       // no remarks left → fallback
        ])
        #expect(replies.map(\.text) == ["Your job is dull?", "Earlier you said your job is dull.",
                                        "Earlier you said your garden is lovely.", "Please go on."])
        #expect(replies.map(\.isFallback) == [false, false, false, true])
        #expect(replies[1].keyword == nil)
        #expect(replies[1].explanation.hasPrefix("memory"))
        #expect(replies[3].explanation == "fallback, reply 1 of 2")
    }

    @Test func aRemarkIsNotRecalledOnTheLineThatStoredIt() throws {
        let set = try #require(RuleSetFixture.ruleSet())
        var memory = ListenerMemory(rotation: ["test/my/0": 1])  // 'my' will say next_keyword
        let reply = set.respond(to: "my plans fell through", memory: &memory)
        #expect(reply.isFallback)
        #expect(memory.remarks == ["Earlier you said your plans fell through."])
    }

    @Test func fallbackRotates() {
        let replies = RuleSetFixture.replies(["hm", "hm", "hm"]).map(\.text)
        #expect(replies == ["Please go on.", "Tell me more.", "Please go on."])
    }

    @Test(arguments: [
        // the first clause holding a keyword is answered
        ("Hello there. I remember the sea, my mother", "Do you often think of the sea?"),
        ("The day was long, I am tired", "How long have you been tired?"),
        ("It was fine but my sister worries", "Tell me more about your sister."),
        ("what? I remember", "Why do you ask?"),
        ("nothing here! i feel odd", "You feel odd?"),
    ])
    func clauseSplitting(line: String, expected: String) {
        #expect(RuleSetFixture.replies([line]).first?.text == expected)
    }

    @Test func aClauseWhoseKeywordsAllFailGivesWayToTheNextClause() {
        // 'am' is in the first clause but neither of its patterns matches "am i"; 'tired' answers next.
        #expect(RuleSetFixture.replies(["am i, tired"]).first?.text == "What tires you?")
    }

    @Test func explanationNamesKeywordPatternAndReply() throws {
        let replies = RuleSetFixture.replies(["I remember the sea", "I remember the sea"])
        #expect(replies[1].explanation == #"keyword 'remember' (rank 5), pattern 1 "* i remember *", reply 2 of 3"#)
        #expect(replies[1].keyword == "remember")
        #expect(replies[1].group == "memory")
        #expect(!replies[1].isFallback)
    }

    @Test(arguments: [
        ("My café 😀 is closed", "Your café 😀 is closed?"),
        ("MY CAFÉ IS CLOSED", "Your CAFÉ IS CLOSED?"),
        ("my naïve «friend» — Zoë", "Your naïve friend Zoë?"),
        ("👩‍👩‍👧 my family 👨‍👩‍👧‍👦", "Your family 👨‍👩‍👧‍👦?"),
        ("🙂🙂🙂", "Please go on."),
        ("I\u{2019}m ok", "How long have you been ok?"),
        ("\u{0}\u{7}my\u{1B}[31m job", "Your 31m job?"),
    ])
    func unicodeIsSafe(line: String, expected: String) {
        #expect(RuleSetFixture.replies([line]).first?.text == expected)
    }

    @Test func repliesAreCapitalisedLikeASentence() {
        #expect(RuleSet.capitalised("your job?") == "Your job?")
        #expect(RuleSet.capitalised("«élan»") == "«Élan»")
        #expect(RuleSet.capitalised("3 things") == "3 things")
        #expect(RuleSet.capitalised("") == "")
    }

    @Test func aReplyNeedingAnEmptyPartIsPassedOver() {
        // "* i remember *" with nothing after "remember": every reply needs {2}, so the next
        // pattern ("*" → goto what) answers instead of "Do you often think of ?".
        #expect(RuleSetFixture.replies(["i remember"]).first?.text == "Why do you ask?")
    }

    @Test func aLongHostileLineStaysBounded() {
        // The part would echo 5,000 words: that reply is passed over, and the next pattern answers.
        let line = Array(repeating: "my", count: 5_000).joined(separator: " ") + " i remember"
        let reply = RuleSetFixture.replies([line]).first
        #expect(reply?.text == "Why do you ask?")
    }

    @Test func redirectCyclesEnd() throws {
        let yaml = """
        id: loop
        keywords:
          - word: a
            rank: 2
            patterns: [{match: "*", replies: [{goto: b}]}]
          - word: b
            patterns: [{match: "*", replies: [{goto: a}]}]
        fallback: ["Go on."]
        """
        let reply = RuleSetFixture.replies(["a b"], yaml).first
        #expect(reply?.text == "Go on.")
        #expect(reply?.isFallback == true)
    }
}
