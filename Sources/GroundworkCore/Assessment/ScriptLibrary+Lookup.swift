extension ScriptLibrary {
    /// The variables a `classify` or `match_occupation` node sets for `text` (see `Lookup`).
    /// Without the service loaded, `classify` sets a null label and an empty reason and
    /// `match_occupation` a count of 0, so flows can go on without them.
    public func lookupVariables(_ lookup: Lookup, text: String) -> [String: Value] {
        switch lookup.service {
        case .classify:
            return ["\(lookup.save).label": .null, "\(lookup.save).reason": .string("")]
        case .matchOccupation:
            guard let reference else { return ["\(lookup.save).count": .number(0)] }
            return reference.variables(for: text, prefix: lookup.save)
        }
    }
}
