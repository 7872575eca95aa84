extension Expression {
    /// The names of the variables the expression reads, so a validator can check they exist.
    public var variables: Set<String> {
        var names: Set<String> = []
        collectVariables(into: &names)
        return names
    }

    private func collectVariables(into names: inout Set<String>) {
        switch self {
        case .literal:
            break
        case .variable(let name):
            names.insert(name)
        case .list(let elements), .call(_, let elements):
            for element in elements { element.collectVariables(into: &names) }
        case .unary(_, let operand):
            operand.collectVariables(into: &names)
        case .binary(_, let left, let right):
            left.collectVariables(into: &names)
            right.collectVariables(into: &names)
        }
    }
}
