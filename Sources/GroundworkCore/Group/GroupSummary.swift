/// The group's output as Markdown (contributions, votes, decisions, next steps, the exposure
/// picture), and the lines of tallies and spreads shown during the exercise.
///
/// Anonymous groups never show who said what, list free text in sorted order rather than in turn
/// order, and show no category (a step, an option, a band, a vote) with fewer than three people.
struct GroupSummary {
    /// Smallest number of people a category needs before an anonymous group shows it.
    static let minimumGroup = 3

    let exercise: GroupExercise
    let state: GroupState
    let library: ScriptLibrary

    var anonymous: Bool { state.anonymous }

    func markdown() -> String {
        var out: [String] = ["# \(exercise.title): group summary", ""]
        let everyone = state.participants.map(\.name)
        if anonymous {
            out.append("- Participants: \(everyone.count) (anonymous)")
        } else {
            out.append("- Participants: \(everyone.joined(separator: ", "))")
        }
        if let facilitator = state.facilitator { out.append("- Facilitator: \(facilitator)") }
        if let ended = state.endedAtStep {
            out.append("- Ended by the facilitator at step \(ended) of \(exercise.steps.count)")
        } else if state.status != .completed {
            out.append("- In progress: step \(min(state.stepIndex + 1, exercise.steps.count)) of \(exercise.steps.count)")
        }
        if !state.safety.isEmpty { out.append("- The safety net paused the exercise \(state.safety.count) time\(state.safety.count == 1 ? "" : "s"); nothing said then was kept.") }
        if let credit = exercise.credit { out.append("- \(credit)") }

        var contributions: [String] = []
        var votes: [String] = []
        var decisions: [String] = []
        var nextSteps: [String] = []
        var pictures: [String] = []
        for step in exercise.steps {
            switch step.kind {
            case .ask(let question):
                let given = state.contributions(of: step.id)
                guard !given.isEmpty else { continue }
                switch question.record {
                case .contribution:
                    contributions += ["", "### \(step.title)", "", "_\(given[0].question)_", ""] + answerLines(given, question: question)
                case .decision: decisions += answerLines(given, question: question)
                case .nextStep: nextSteps += answerLines(given, question: question)
                }
            case .vote(let vote):
                let ballots = state.contributions(of: step.id)
                guard !ballots.isEmpty else { continue }
                let (lines, chosen) = voteLines(step: step, vote: vote, ballots: ballots)
                votes += ["", "### \(step.title) (\(vote.dots) dot\(vote.dots == 1 ? "" : "s") each)", ""] + lines
                switch vote.record {
                case .contribution: break
                case .decision: decisions += chosen.map { "- \($0)" }
                case .nextStep: nextSteps += chosen.map { "- \($0)" }
                }
            case .tally(let target):
                pictures += ["", "### \(step.title)", ""] + tallyLines(of: target).map(trimmedBullet)
            case .spread(let spread):
                pictures += ["", "### \(step.title)", ""] + spreadLines(spread).map(trimmedBullet)
            default:
                break
            }
        }
        if !contributions.isEmpty { out += ["", "## Contributions"] + contributions }
        if !votes.isEmpty { out += ["", "## Votes"] + votes }
        if !pictures.isEmpty { out += ["", "## The room's picture"] + pictures }
        out += ["", "## Decisions", ""] + (decisions.isEmpty ? ["- (none recorded)"] : decisions)
        out += ["", "## Next steps", ""] + (nextSteps.isEmpty ? ["- (none recorded)"] : nextSteps)
        return out.joined(separator: "\n") + "\n"
    }

    private func trimmedBullet(_ line: String) -> String {
        let trimmed = line.trimmingWhitespace()
        return trimmed.hasPrefix("(") ? trimmed : "- " + trimmed
    }

    /// Answers of an ask step: named lines, or (anonymous) sorted free text or option counts,
    /// each shown only when enough people stand behind it.
    private func answerLines(_ given: [Contribution], question: GroupQuestion) -> [String] {
        if question.audience == .group { return given.map { "- \($0.value.text)" } }
        // Private answers were typed unseen: never shown with names, and in sorted order.
        if !anonymous, question.isPrivate { return given.map(\.value.text).sorted().map { "- \($0)" } }
        if !anonymous { return given.map { "- \($0.authors.joined(separator: " & ")): \($0.value.text)" } }
        let people = Set(given.flatMap(\.authors)).count
        guard people >= GroupSummary.minimumGroup else { return [hiddenNote("people answered")] }
        if case .text = question.input { return given.map(\.value.text).sorted().map { "- \($0)" } }
        return counts(given).map(trimmedBullet)
    }

    private func hiddenNote(_ what: String) -> String {
        "(not shown: fewer than \(GroupSummary.minimumGroup) \(what))"
    }

    /// Dots per contribution voted on, most first; the top `choose` are the group's choice.
    private func voteLines(step: GroupStep, vote: GroupVote, ballots: [Contribution]) -> ([String], [String]) {
        let voters = Set(ballots.flatMap(\.authors)).count
        if anonymous, voters < GroupSummary.minimumGroup { return ([hiddenNote("people voted")], []) }
        let order = state.orders[step.id] ?? []
        var dots = Array(repeating: 0, count: order.count)
        for ballot in ballots {
            for pick in ballot.value.list ?? [] {
                if let n = pick.number, Int(n) >= 0, Int(n) < dots.count { dots[Int(n)] += 1 }
            }
        }
        let byID = Dictionary(state.contributions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ranked = order.indices.sorted { dots[$0] != dots[$1] ? dots[$0] > dots[$1] : $0 < $1 }
        let chosen = ranked.prefix(vote.choose).filter { dots[$0] > 0 }.compactMap { byID[order[$0]]?.value.text }
        let lines = ranked.map { index -> String in
            let text = byID[order[index]]?.value.text ?? ""
            let mark = chosen.contains(text) && index == ranked.first(where: { byID[order[$0]]?.value.text == text }) ? " (chosen)" : ""
            return "- \(dots[index]) dot\(dots[index] == 1 ? "" : "s"): \(text)\(mark)"
        }
        return (lines, chosen)
    }

    /// How many chose each option of a choice, multi or yes/no step, most first.
    func tallyLines(of target: String) -> [String] {
        let given = state.contributions(of: target)
        if given.isEmpty { return ["  (nothing yet)"] }
        var lines = counts(given)
        if let people = Optional(Set(given.flatMap(\.authors)).count), people > 0 {
            let held = heldTogether(given, people: people)
            if !held.isEmpty { lines.append("  Held together (by at least half of the \(people)): \(held.joined(separator: ", "))") }
        }
        return lines
    }

    /// Option counts, with names unless anonymous; small counts hidden when anonymous.
    private func counts(_ given: [Contribution]) -> [String] {
        var order: [String] = []
        var who: [String: [String]] = [:]
        for contribution in given {
            let values = contribution.value.list ?? [contribution.value]
            for value in values {
                let key = value.text
                if who[key] == nil { order.append(key) }
                who[key, default: []] += contribution.authors
            }
        }
        let ranked = order.enumerated().sorted { a, b in
            let (x, y) = (who[a.element]?.count ?? 0, who[b.element]?.count ?? 0)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        var lines: [String] = []
        var hidden = 0
        for key in ranked {
            let names = who[key] ?? []
            if anonymous {
                if names.count < GroupSummary.minimumGroup { hidden += 1; continue }
                lines.append("  \(key): \(names.count)")
            } else {
                lines.append("  \(key): \(names.count) (\(names.joined(separator: ", ")))")
            }
        }
        if hidden > 0 { lines.append("  " + hiddenNote("people chose \(hidden == 1 ? "one other option" : "\(hidden) other options")")) }
        return lines
    }

    private func heldTogether(_ given: [Contribution], people: Int) -> [String] {
        var order: [String] = []
        var count: [String: Int] = [:]
        for contribution in given {
            for value in contribution.value.list ?? [contribution.value] {
                if count[value.text] == nil { order.append(value.text) }
                count[value.text, default: 0] += contribution.authors.count
            }
        }
        return order.filter { (count[$0] ?? 0) * 2 >= people && (!anonymous || (count[$0] ?? 0) >= GroupSummary.minimumGroup) }
    }

    /// Each participant's value (their check-in score when they have one and said yes, else their
    /// answer), with bands, range and median; anonymous groups see only bands of three or more.
    func spreadLines(_ spread: GroupSpread) -> [String] {
        var rows: [(name: String, value: Double, source: String)] = []
        for participant in state.participants {
            let consented = spread.consent.map { id in
                state.contributions(of: id).last { $0.authors.contains(participant.name) }?.value.isTruthy ?? false
            } ?? true
            if consented, let fact = spread.fact, let value = participant.facts[fact]?.number {
                rows.append((participant.name, value, "check-in"))
            } else if let answer = state.contributions(of: spread.values).last(where: { $0.authors.contains(participant.name) }),
                      let value = answer.value.number {
                rows.append((participant.name, value, "debrief"))
            }
        }
        if rows.isEmpty { return ["  (nothing yet)"] }
        if anonymous, rows.count < GroupSummary.minimumGroup { return ["  " + hiddenNote("people answered")] }
        var lines: [String] = []
        if !anonymous {
            let width = rows.map(\.name.count).max() ?? 0
            for row in rows {
                let filled = max(0, min(10, Int((row.value / 10).rounded())))
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 10 - filled)
                let pad = String(repeating: " ", count: width - row.name.count)
                lines.append("  \(row.name)\(pad)  \(bar) \(Value.number(row.value.rounded()).text) (\(row.source))")
            }
        }
        let sorted = rows.map(\.value).sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        var summary = "  \(rows.count) people"
        if !anonymous, let low = sorted.first, let high = sorted.last {
            summary += ", from \(Value.number(low.rounded()).text) to \(Value.number(high.rounded()).text)"
        }
        summary += ", median \(Value.number(median.rounded()).text)"
        let fromCheckins = rows.filter { $0.source == "check-in" }.count
        summary += "; \(fromCheckins) from check-ins, \(rows.count - fromCheckins) from this debrief."
        lines.append(summary)
        if !spread.bands.isEmpty {
            var bandCounts: [(String, Int)] = spread.bands.map { ($0.name, 0) }
            for row in rows {
                if let index = spread.bands.lastIndex(where: { row.value >= $0.from }) { bandCounts[index].1 += 1 }
            }
            var hidden = false
            let shown = bandCounts.compactMap { band -> String? in
                if anonymous, band.1 > 0, band.1 < GroupSummary.minimumGroup { hidden = true; return nil }
                return "\(band.0) \(band.1)"
            }
            lines.append("  Bands: " + (shown.isEmpty ? "none shown" : shown.joined(separator: ", ")) + (hidden ? " " + hiddenNote("people in the others") : ""))
        }
        return lines
    }
}

