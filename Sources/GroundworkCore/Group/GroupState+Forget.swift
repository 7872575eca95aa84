/// What forgetting one person changed in a group's state, for the person to be told.
public struct GroupForgetting: Sendable, Hashable {
    /// The name the person now has in the group (`forgotten-1`, …), so counts and turns still add up.
    public var placeholder: String
    /// Contributions whose words were replaced by `GroupState.forgottenText`.
    public var redacted: Int
    /// Of those, how many were given jointly with someone else (a pair, a four, the whole group).
    public var shared: Int
    /// Ballots kept (they hold positions, no words), now under the placeholder.
    public var ballots: Int
    /// Safety-net events about the person, removed.
    public var safetyEvents: Int
}

extension GroupState {
    /// What a forgotten contribution reads as.
    public static let forgottenText = "(forgotten)"

    /// Whether `name` took part (or facilitated).
    public func involves(_ name: String) -> Bool {
        participant(name) != nil || facilitator?.lowercased() == name.lowercased()
    }

    /// The state with `name` forgotten: every contribution they gave (alone or with others) keeps its
    /// place but loses its words, their ballots stay (positions only) under a placeholder name, their
    /// safety events go, and their name is replaced everywhere by the placeholder. The summary is
    /// dropped: it quoted them, and only the exercise can write it again (`GroupSummary`).
    public func forgetting(_ name: String) -> (GroupState, GroupForgetting) {
        let key = name.lowercased()
        func same(_ other: String) -> Bool { other.lowercased() == key }
        var n = 1
        while participant("forgotten-\(n)") != nil { n += 1 }
        let placeholder = "forgotten-\(n)"
        func rename(_ other: String) -> String { same(other) ? placeholder : other }

        var next = self
        var change = GroupForgetting(placeholder: placeholder, redacted: 0, shared: 0, ballots: 0, safetyEvents: 0)
        for index in next.contributions.indices where next.contributions[index].authors.contains(where: same) {
            var contribution = next.contributions[index]
            if contribution.isBallot {
                change.ballots += 1
            } else {
                contribution.raw = GroupState.forgottenText
                contribution.value = .string(GroupState.forgottenText)
                change.redacted += 1
                if contribution.authors.count > 1 { change.shared += 1 }
            }
            contribution.authors = contribution.authors.map(rename)
            next.contributions[index] = contribution
        }
        next.participants = participants.map { person in
            guard same(person.name) else { return person }
            return Participant(name: placeholder, active: false, facts: [:])
        }
        next.units = units.map { $0.map(rename) }
        next.unitsByStep = unitsByStep.mapValues { $0.map { $0.map(rename) } }
        if let facilitator, same(facilitator) { next.facilitator = placeholder }
        // A hosted room's token for them goes too: nobody can come back as them.
        if let tokens = room?.tokens { next.room?.tokens = tokens.filter { !same($0.value) } }
        change.safetyEvents = safety.filter { same($0.participant) }.count
        next.safety = safety.filter { !same($0.participant) }
        next.summary = nil
        return (next, change)
    }
}

extension Contribution {
    /// A vote's ballot: a list of positions, no words of the voter's.
    var isBallot: Bool {
        guard case .list(let items) = value else { return false }
        return items.allSatisfy { if case .number = $0 { return true } else { return false } }
    }
}

extension GroupEngine {
    /// The group's Markdown summary of `state` as the exercise writes it (after forgetting someone).
    public func summary(of state: GroupState) -> String {
        GroupSummary(exercise: exercise, state: state, library: library).markdown()
    }
}
