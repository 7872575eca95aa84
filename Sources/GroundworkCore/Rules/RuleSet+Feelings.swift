/// Feelings named in a line, answered before topics: an emotion vocabulary as data (families of
/// words with a strength), replies that name the person's own word, and mixed feelings ("happy
/// but terrified") answered as both.
extension RuleSet {
    /// The `feelings:` section of a rule set.
    struct Feelings: Sendable, Codable {
        /// One family of feeling words ("exhaustion": tired, drained, worn out…).
        struct Family: Sendable, Codable {
            var name: String
            /// Replies for the family, with `{feeling}` for the person's word; used in turn.
            var replies: [String]
            /// Replies when the feeling is strong (a strong word, or "so", "really" before it).
            var strongReplies: [String]
            /// The family's own rank (`rank:`), when it differs from the section's: a vague word
            /// ("awful", "weird") can give way to the concern the line names.
            var rank: Int?
            /// Replies naming the feeling and the line's topic (`{feeling}`, `{topic}`), used
            /// instead of the section's `topic_replies` when given.
            var topicReplies: [String] = []
            /// True (`self_only: true`): a word of the family counts only when the person says it
            /// of themselves ("i feel so stupid"), not of a thing ("my garden is a mess").
            var selfOnly = false
        }

        /// A feeling word or phrase: its words, family and whether it is strong on its own.
        struct Phrase: Sendable, Codable {
            var words: [String]
            var family: Int
            var strong: Bool
        }

        /// Where a feeling stands among the keywords: it is answered when no keyword in the line
        /// ranks higher.
        var rank: Int
        var families: [Family]
        /// Phrases by their first word.
        var phrases: [String: [Phrase]]
        /// Vocabulary ids of the phrases' first words, so a line's words are lowercased and
        /// compared only where a feeling can start.
        var firstWordIDs: Set<Int32> = []
        /// Replies for two feelings of different families, with `{first}` and `{second}`.
        var mixed: [String]
        /// Replies naming a feeling and the person or thing the line is about (`{feeling}`,
        /// `{topic}`): "You're furious with your manager" takes up more of the line than "You're
        /// furious". Used, in turn, whenever the line names a topic keyword.
        var topicReplies: [String] = []

        /// Words that turn a feeling off when one of the three words before it ("not tired").
        static let negators: Set<String> = ["not", "never", "no", "hardly", "dont", "don't", "didnt", "didn't", "isnt", "isn't",
                                            "wasnt", "wasn't", "arent", "aren't", "doesnt", "doesn't", "without", "less", "stop",
                                            "pretending", "pretend", "act", "acting", "seem", "seems", "look", "looks"]
        /// Words that make the feeling right after them a wish or an instruction, not a feeling
        /// now: "want to be happy", "told me to calm down".
        static let wishes: Set<String> = ["to", "be", "get", "stay", "keep"]
        /// Of the `wishes`, those that are a wish only after "to" ("to get calm", not "i get tired").
        static let toWishes: Set<String> = ["get", "stay", "keep"]
        /// Words before "stop" that make it a stop that cannot happen ("can't stop worrying").
        static let cannot: Set<String> = ["can't", "cant", "couldn't", "couldnt", "won't", "wont", "never"]
        /// Words that give the clause another subject before the feeling ("my girlfriend gets mad").
        static let others: Set<String> = ["he", "she", "they", "him", "her", "them", "his", "their", "hes", "he's", "shes", "she's",
                                          "theyre", "they're", "everyone", "everybody", "people",
                                          "someone", "somebody", "nobody", "anyone", "girlfriend", "boyfriend", "wife", "husband",
                                          "partner", "mum", "mom", "dad", "mother", "father", "boss", "manager", "kids", "son",
                                          "daughter", "friend", "friends", "colleague", "colleagues", "team", "sister", "brother",
                                          "baby", "child", "children", "parents", "teacher", "doctor", "client", "customer", "it",
                                          // A body part that hurts is not a hurt feeling: "laughed until my stomach hurt".
                                          "stomach", "head", "back", "feet", "legs", "knee", "knees", "chest", "neck", "shoulder",
                                          "shoulders", "tooth", "teeth", "eyes", "wrist", "hip"]
        /// Words that make the next word describe a thing ("the broken streetlight").
        static let articles: Set<String> = ["the", "a", "an", "this", "that", "these", "those", "your"]
        /// Words that make the feeling after them strong ("so tired").
        static let amplifiers: Set<String> = ["so", "really", "very", "extremely", "completely", "totally", "utterly",
                                              "absolutely", "incredibly", "super", "too", "deeply", "properly", "fucking", "bloody"]
        /// Words that say the feeling is the person's own when one of the four before it.
        static let selfWords: Set<String> = ["i", "me", "myself", "feel", "feels", "feeling", "felt", "im", "i'm", "ive", "i've"]
        /// Words that may come before a feeling that opens a clause ("so tired", "just a bit lost").
        static let fillers: Set<String> = ["so", "really", "very", "just", "still", "now", "and", "a", "bit", "little", "kind", "of",
                                           "sort", "pretty", "quite", "totally", "completely", "honestly", "also", "too", "super",
                                           "extremely", "utterly", "absolutely", "incredibly", "deeply", "properly", "kinda", "sorta",
                                           "mostly", "weirdly", "oddly", "strangely", "then", "today", "tonight"]
        /// Words said with a topic when just before it, or before the one word before it ("my
        /// manager" → "your manager", "a double shift").
        static let determiners: Set<String> = ["my", "our", "his", "her", "their", "the", "this", "that", "these", "those", "a", "an",
                                               "your"]
    }

    /// The person or thing the line names through a `topic: true` keyword (the highest ranked;
    /// the earlier clause on a tie), said back with its determiner turned round: "my line
    /// manager" → "your line manager". Nil when the line names none.
    func topicNamed(in clauses: [([RuleWord], [Int])]) -> String? {
        var best: (rank: Int, text: String)?
        for (clause, stack) in clauses {
            // The stack is ordered by rank, so the clause's first topic keyword is its strongest.
            guard let k = stack.first(where: { keywords[$0].topic }), best.map({ keywords[k].rank > $0.rank }) ?? true,
                  let at = clause.firstIndex(where: { word in
                      word.id >= 0 && keywordsByWord[Int(word.id)].contains(k) && (keywords[k].topicWords.isEmpty || keywords[k].topicWords.contains(word.id))
                  }) else { continue }
            let lower = clause.map { $0.text.lowercased() }
            var start = at
            if at > 0, Feelings.determiners.contains(lower[at - 1]) {
                start = at - 1
            } else if at > 1, Feelings.determiners.contains(lower[at - 2]), !Feelings.determiners.contains(lower[at - 1]),
                      lower[at - 1].allSatisfy(\.isLetter) {
                start = at - 2
            }
            let said = clause[start...at].map { word -> String in
                let lowered = word.text.lowercased()
                if let reflected = word.id >= 0 ? reflections[Int(word.id)] : nil { return reflected }
                // "AI", "HR", "GP" keep their capitals; anything else is said in lower case.
                return word.text.count <= 4 && word.text == word.text.uppercased() && word.text != lowered ? word.text : lowered
            }
            best = (keywords[k].rank, said.joined(separator: " "))
        }
        return best?.text
    }

    /// A feeling found in a line.
    struct FoundFeeling {
        var text: String
        var family: Int
        var strong: Bool
    }

    /// The feelings named in the clauses, in order, without negated ones; one per family.
    func feelingsFound(in clauses: [[RuleWord]]) -> [FoundFeeling] {
        guard let feelings else { return [] }
        var found: [FoundFeeling] = []
        for clause in clauses where clause.contains(where: { feelings.firstWordIDs.contains($0.id) }) {
            let lower = clause.map { $0.text.lowercased() }
            var index = 0
            while index < lower.count {
                guard feelings.firstWordIDs.contains(clause[index].id), let candidates = feelings.phrases[lower[index]],
                      let phrase = candidates.first(where: { phrase in
                          index + phrase.words.count <= lower.count && Array(lower[index..<(index + phrase.words.count)]) == phrase.words
                      }) else {
                    index += 1
                    continue
                }
                let before = lower[max(0, index - 3)..<index]
                let previous = index > 0 ? lower[index - 1] : ""
                // The person's own feeling: "i am so tired", "feel hollow", or a clause that opens
                // with it ("tired.", "happy but terrified") — not "everyone is pretending to be calm".
                // "spent it feeling guilty": right after "feeling" or "felt", the feeling is the
                // writer's unless a person is named just before ("saw him feeling low").
                let named = index > 1 && Feelings.others.contains(lower[index - 2]) && lower[index - 2] != "it"
                let own = (["feeling", "felt"].contains(previous) && !named)
                    || (!lower[max(0, index - 3)..<index].contains(where: Feelings.others.contains)
                    && (lower[max(0, index - 4)..<index].contains(where: Feelings.selfWords.contains)
                    || lower[..<index].allSatisfy(Feelings.fillers.contains)
                    || (!lower[..<index].contains(where: Feelings.others.contains) && !Feelings.articles.contains(previous))))
                // "can't stop beating myself up": a stop that cannot happen is no negation.
                let negated = before.indices.contains { i in
                    Feelings.negators.contains(before[i])
                        && !(before[i] == "stop" && i > before.startIndex && Feelings.cannot.contains(before[i - 1]))
                }
                // "want to get calm" is a wish, "i get exhausted" is not: get, stay and keep are
                // a wish only after "to".
                let wished = Feelings.wishes.contains(previous)
                    && (!Feelings.toWishes.contains(previous) || (index > 1 && lower[index - 2] == "to"))
                let spokenOfSelf = !feelings.families[phrase.family].selfOnly
                    || lower[max(0, index - 4)..<index].contains(where: Feelings.selfWords.contains)
                if own, !negated, !wished, spokenOfSelf,
                   !found.contains(where: { $0.family == phrase.family }) {
                    let amplified = index > 0 && Feelings.amplifiers.contains(lower[index - 1])
                    // Said back with pronouns turned round: "angry at myself" → "angry at yourself".
                    let said = clause[index..<(index + phrase.words.count)].map { word in
                        word.id >= 0 ? reflections[Int(word.id)] ?? word.text.lowercased() : word.text.lowercased()
                    }
                    found.append(FoundFeeling(text: said.joined(separator: " "), family: phrase.family,
                                              strong: phrase.strong || amplified))
                }
                index += phrase.words.count
            }
        }
        return found
    }

    /// The reply to the line's feelings, when a feeling outranks every keyword in it.
    func feelingReply(_ found: [FoundFeeling], strongestKeyword: Int?, topic: String? = nil, memory: inout ListenerMemory) -> RuleReply? {
        guard let feelings else { return nil }
        // Each feeling stands at its family's rank; one outranked by a keyword in the line gives way.
        let found = found.filter { feeling in
            strongestKeyword.map { $0 <= feelings.families[feeling.family].rank ?? feelings.rank } ?? true
        }
        guard let first = found.first else { return nil }
        let family = feelings.families[first.family]
        if found.count >= 2, !feelings.mixed.isEmpty {
            let second = found[1]
            let (index, count) = turn("\(id)/feelings/mixed", count: feelings.mixed.count, memory: &memory)
            let text = feelings.mixed[index].replacing("{first}", with: first.text).replacing("{second}", with: second.text)
            return RuleReply(text: Self.capitalised(text), keyword: first.text, group: family.name,
                             explanation: "mixed feelings '\(first.text)' (\(family.name)) and '\(second.text)' "
                                 + "(\(feelings.families[second.family].name)), rank \(feelings.rank); mixed reply \(index + 1) of \(count)",
                             isFallback: false,
                             reason: "You mentioned feeling \(first.text) and \(second.text), so I reflected both feelings.")
        }
        let topicReplies = family.topicReplies.isEmpty ? feelings.topicReplies : family.topicReplies
        if let topic, !topicReplies.isEmpty {
            let key = family.topicReplies.isEmpty ? "\(id)/feelings/topic" : "\(id)/feelings/\(family.name)/topic"
            let (index, count) = turn(key, count: topicReplies.count, memory: &memory)
            let text = topicReplies[index].replacing("{feeling}", with: first.text).replacing("{topic}", with: topic)
            return RuleReply(text: Self.capitalised(text), keyword: first.text, group: family.name,
                             explanation: "feeling '\(first.text)' (\(family.name)) about '\(topic)', rank \(family.rank ?? feelings.rank)"
                                 + (strongestKeyword.map { " ≥ the strongest keyword's \($0)" } ?? "") + "; topic reply \(index + 1) of \(count)",
                             isFallback: false,
                             reason: "You mentioned feeling \(first.text) and \(topic), so I reflected both.")
        }
        let strong = first.strong && !family.strongReplies.isEmpty
        let replies = strong ? family.strongReplies : family.replies
        guard !replies.isEmpty else { return nil }
        let (index, count) = turn("\(id)/feelings/\(family.name)\(strong ? "/strong" : "")", count: replies.count, memory: &memory)
        let text = replies[index].replacing("{feeling}", with: first.text)
        return RuleReply(text: Self.capitalised(text), keyword: first.text, group: family.name,
                         explanation: "feeling '\(first.text)' (\(family.name)\(strong ? ", strong" : "")), rank \(family.rank ?? feelings.rank)"
                             + (strongestKeyword.map { " ≥ the strongest keyword's \($0)" } ?? "") + "; reply \(index + 1) of \(count)",
                         isFallback: false,
                         reason: RuleReply.reason("feeling \(first.text)", reply: text, about: "that feeling"))
    }
}
