/// How many questions lie ahead of each node of each flow, for a progress line that never grows
/// as a loop repeats: computed once from the flows' graphs when the engine is made.
///
/// The count follows the longest way to the end (a branch counts its longer arm, so the total can
/// only shrink as the session goes), crosses a called flow, and counts a loop's body once per pass
/// the loop `expect:`s (default 1). A count that crosses a loop is an estimate.
struct QuestionCount: Sendable {
    /// Questions ahead and whether a loop was crossed on the way.
    struct Ahead: Sendable, Hashable {
        var questions: Int
        var crossesLoop: Bool

        static let none = Ahead(questions: 0, crossesLoop: false)

        static func + (a: Ahead, b: Ahead) -> Ahead {
            Ahead(questions: a.questions + b.questions, crossesLoop: a.crossesLoop || b.crossesLoop)
        }
    }

    private struct Key: Hashable {
        var flow: String
        var node: String
        /// The loop whose node ends the walk (counting one pass of its body); nil: to the flow's end.
        var stop: String?
    }

    /// Memo filled in `init`; every (flow, node) to the end, and every loop-body node to its loop.
    private var memo: [Key: Ahead] = [:]
    /// Ask nodes in one pass of each loop body, keyed `flow/loop`.
    private(set) var passQuestions: [String: Int] = [:]

    init(library: ScriptLibrary) {
        var builder = Builder(library: library)
        for flow in library.flows.values.sorted(by: { $0.id < $1.id }) {
            for id in flow.nodeOrder {
                _ = builder.ahead(flow: flow.id, node: id, stop: nil, depth: 0)
                if case .loop(let loop)? = flow.nodes[id]?.kind {
                    let pass = builder.ahead(flow: flow.id, node: loop.body, stop: id, depth: 0)
                    passQuestions[flow.id + "/" + id] = pass.questions
                }
            }
        }
        memo = builder.memo
    }

    /// Questions from `node` (itself included) to the end of its flow.
    func toEnd(flow: String, node: String) -> Ahead {
        memo[Key(flow: flow, node: node, stop: nil)] ?? .none
    }

    /// Questions from `node` (itself included) back to `loop`, when `node` lies in that loop's body.
    func toLoop(flow: String, node: String, loop: String) -> Ahead? {
        memo[Key(flow: flow, node: node, stop: loop)]
    }

    /// The memoised walk. A cycle that is not a loop node's (a `goto` back) counts nothing more.
    private struct Builder {
        let library: ScriptLibrary
        var memo: [Key: Ahead] = [:]
        var visiting: Set<Key> = []

        init(library: ScriptLibrary) { self.library = library }

        mutating func ahead(flow flowID: String, node nodeID: String?, stop: String?, depth: Int) -> Ahead {
            guard let nodeID, nodeID != stop, depth <= Engine.maxCallDepth,
                  let flow = library.flows[flowID], let node = flow.nodes[nodeID] else { return .none }
            let key = Key(flow: flowID, node: nodeID, stop: stop)
            if let known = memo[key] { return known }
            guard !visiting.contains(key) else { return .none }
            visiting.insert(key)
            defer { visiting.remove(key) }
            let result: Ahead
            switch node.kind {
            case .loop(let loop):
                let pass = ahead(flow: flowID, node: loop.body, stop: nodeID, depth: depth)
                let passes = Ahead(questions: pass.questions * loop.expectedPasses, crossesLoop: true)
                result = passes + ahead(flow: flowID, node: node.next, stop: stop, depth: depth)
            case .call(let callee):
                let called = library.flows[callee].map { ahead(flow: $0.id, node: $0.start, stop: nil, depth: depth + 1) } ?? .none
                result = called + ahead(flow: flowID, node: node.next, stop: stop, depth: depth)
            default:
                var best = Ahead.none
                for next in FlowValidator.successors(of: node) {
                    let candidate = ahead(flow: flowID, node: next, stop: stop, depth: depth)
                    if candidate.questions > best.questions || (candidate.questions == best.questions && candidate.crossesLoop) {
                        best = candidate
                    }
                }
                if case .ask = node.kind { best.questions += 1 }
                result = best
            }
            memo[key] = result
            return result
        }
    }
}

extension Interpreter {
    /// Where the waiting question stands, or nil in flows of fewer than two questions.
    var progress: Progress? {
        guard let flow = library.flows[state.flowID],
              engine.questionCount.toEnd(flow: flow.id, node: flow.start).questions >= 2,
              let nodeID = state.cursor.node else { return nil }
        var pass: Progress.Pass?
        var ahead = aheadInFlow(state.cursor.flowID, from: nodeID, pass: &pass)
        for frame in state.cursor.returnStack.reversed() {
            guard let returnNode = frame.returnNode else { continue }
            var outer: Progress.Pass?
            ahead = ahead + aheadInFlow(frame.flowID, from: returnNode, pass: &outer)
            if pass == nil { pass = outer }
        }
        let index = state.questionsDone + 1
        return Progress(index: index, total: state.questionsDone + max(1, ahead.questions),
                        pass: pass, estimated: ahead.crossesLoop || pass != nil)
    }

    /// Questions from `nodeID` to the end of `flowID`; inside a running loop, what is left of this
    /// pass, the passes still expected, and what follows the loop.
    private func aheadInFlow(_ flowID: String, from nodeID: String, pass: inout Progress.Pass?) -> QuestionCount.Ahead {
        let count = engine.questionCount
        guard let flow = library.flows[flowID] else { return .none }
        // The innermost running loop whose body holds the node: the one with the shortest pass.
        var best: (loop: Loop, id: String, passes: Int, pass: Int)?
        for (key, passes) in state.loopPasses where key.hasPrefix(flowID + "/") {
            let loopID = String(key.dropFirst(flowID.count + 1))
            guard case .loop(let loop)? = flow.nodes[loopID]?.kind,
                  count.toLoop(flow: flowID, node: nodeID, loop: loopID) != nil,
                  let passSize = count.passQuestions[key] else { continue }
            if best == nil || passSize < best?.pass ?? .max || (passSize == best?.pass && loopID < best?.id ?? "") {
                best = (loop, loopID, passes, passSize)
            }
        }
        guard let best, let loopNode = flow.nodes[best.id],
              let rest = count.toLoop(flow: flowID, node: nodeID, loop: best.id) else {
            return count.toEnd(flow: flowID, node: nodeID)
        }
        let number = best.loop.number.flatMap { try? Evaluator.evaluate($0, state.variables).number }.map { Int($0) }
        pass = Progress.Pass(name: best.loop.item ?? Loop.defaultItem, number: number ?? best.passes)
        let more = max(0, best.loop.expectedPasses - best.passes) * best.pass
        let after = loopNode.next.map { count.toEnd(flow: flowID, node: $0) } ?? .none
        return QuestionCount.Ahead(questions: rest.questions + more, crossesLoop: true) + after
    }
}
