/// A flow's memory of its own last run: the variables it declares as `previous.NAME` start with
/// what `NAME` held at the end of the person's latest completed session of the same flow, so a
/// repeat session can offer last time's answers (`keep: previous.NAME`) and ask only what changed.
extension Flow {
    /// The prefix of the variables filled from the latest completed session of this flow.
    public static let previousPrefix = "previous."

    /// Whether the flow declares any `previous.` variable (only then is an earlier session read).
    public var remembersPreviousSession: Bool {
        variables.contains { $0.name.hasPrefix(Self.previousPrefix) }
    }

    /// The `previous.` variables from an earlier session's final variables, with
    /// `previous.date` (YYYY-MM-DD) and `previous.age_days` when the flow declares them. A value of
    /// another type than the declaration's (the flow changed since) is left at its default.
    public func previousVariables(from earlier: [String: Value], date: String, ageInDays: Int) -> [String: Value] {
        var result: [String: Value] = [:]
        for declaration in variables where declaration.name.hasPrefix(Self.previousPrefix) {
            let name = String(declaration.name.dropFirst(Self.previousPrefix.count))
            let value: Value?
            switch name {
            case "date": value = .string(date)
            case "age_days": value = .number(Double(ageInDays))
            default: value = earlier[name]
            }
            guard let value, value.fits(declaration.type) else { continue }
            result[declaration.name] = value
        }
        return result
    }
}

extension Value {
    /// Whether the value can stand for a variable declared with `type` (null never does).
    func fits(_ type: VariableDeclaration.VariableType) -> Bool {
        switch (type, self) {
        case (.number, .number), (.string, .string), (.bool, .bool), (.list, .list): return true
        default: return false
        }
    }
}
