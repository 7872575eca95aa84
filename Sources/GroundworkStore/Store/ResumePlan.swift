import GroundworkCore

/// What `groundwork resume` may do with a saved session, given the flows as they are now.
/// Old answers are never applied to a different question: when the flow changed and the waiting
/// node is gone, the person is told and offered a restart.
public enum ResumePlan: Sendable, Hashable {
    /// The flow is unchanged: continue exactly where the session stopped.
    case continueAsIs
    /// The flow file changed, but the waiting node still exists: continue there, and say so.
    case flowChanged(node: String)
    /// The flow changed and the waiting node (or the flow) is gone: offer to restart.
    case nodeGone(flowID: String, node: String?)
    /// The session is not active (completed or abandoned).
    case finished

    /// Decides from the flow's current content hash and whether a flow still has a node.
    public static func plan(for record: SessionRecord, currentFlowHash: String?,
                            hasNode: (_ flowID: String, _ node: String) -> Bool) -> ResumePlan {
        guard record.status == .active else { return .finished }
        let cursor = record.state.cursor
        guard let currentFlowHash else { return .nodeGone(flowID: record.flowID, node: cursor.node) }
        if currentFlowHash == record.flowHash { return .continueAsIs }
        guard let node = cursor.node else { return .nodeGone(flowID: cursor.flowID, node: nil) }
        return hasNode(cursor.flowID, node) ? .flowChanged(node: node) : .nodeGone(flowID: cursor.flowID, node: node)
    }
}
