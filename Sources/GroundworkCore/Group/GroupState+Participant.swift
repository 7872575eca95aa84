extension GroupState {
    /// One participant's part of the group as a session of their own: their contributions as
    /// answers, the safety-net events that concern them, and (once ended) the group's summary.
    public func sessionState(for name: String) -> SessionState {
        var session = SessionState(flowID: exerciseID, flowHash: exerciseHash, seed: seed)
        session.status = status
        for contribution in contributions where contribution.authors.contains(name) {
            session.answers.append(Answer(flowID: exerciseID, nodeID: contribution.stepID, question: contribution.question,
                                          raw: contribution.raw, value: contribution.value, variable: nil))
            session.inputs.append(.line(contribution.raw))
        }
        session.questionsDone = session.answers.count
        for event in safety where event.participant == name {
            session.safety.events.append(SafetyEvent(category: event.category, nodeID: event.stepID, inputIndex: session.inputs.count))
        }
        session.variables["group.participants"] = .list(participants.map { .string($0.name) })
        session.variables["group.anonymous"] = .bool(anonymous)
        if let summary {
            session.summary = SessionSummary(text: summary, nextStepID: nil, nextStepText: nil, scores: [:])
        }
        return session
    }
}
