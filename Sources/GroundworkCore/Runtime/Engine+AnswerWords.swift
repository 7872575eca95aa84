extension Engine {
    /// An answer as the person would read it back: a choice by its option's label ("Something
    /// else", not the "8" typed or the `other` saved), several choices by their labels, yes or no,
    /// a number as a number, and text as written.
    public func answerWords(_ answer: Answer) -> String {
        let typed = answer.raw.trimmingWhitespace()
        guard case .ask(let question)? = library.flows[answer.flowID]?.nodes[answer.nodeID]?.kind else { return typed }
        func label(_ value: Value, in options: [ChoiceOption]) -> String? {
            options.first { ($0.value ?? .string($0.label)) == value }?.label
        }
        switch question.input {
        case .choice(let options):
            return label(answer.value, in: options) ?? typed
        case .multi(let options, _, _):
            guard case .list(let values) = answer.value else { return typed }
            let labels = values.compactMap { label($0, in: options) }
            return labels.count == values.count && !labels.isEmpty ? labels.joined(separator: ", ") : typed
        case .yesno:
            guard case .bool(let yes) = answer.value else { return typed }
            return yes ? "yes" : "no"
        case .number, .scale:
            guard case .number = answer.value else { return typed }
            return answer.value.text
        case .text:
            return typed
        }
    }
}
