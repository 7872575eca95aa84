extension ScriptLibrary {
    /// The variables a `classify` or `match_occupation` node sets for `text` (see `Lookup`).
    /// Without the service loaded, `classify` sets a null label and an empty reason and
    /// `match_occupation` a count of 0, so flows can go on without them.
    public func lookupVariables(_ lookup: Lookup, text: String) -> [String: Value] {
        switch lookup.service {
        case .classify:
            guard let classifier else { return ["\(lookup.save).label": .null, "\(lookup.save).reason": .string("")] }
            let suggestion = classifier.classify(text)
            // Flows compare with lowercase labels, as the choice values they save ('e0', 'e1', 'e2').
            return ["\(lookup.save).label": .string(suggestion.label.rawValue.lowercased()),
                    "\(lookup.save).reason": .string(suggestion.reason)]
        case .matchOccupation:
            guard let reference else { return ["\(lookup.save).count": .number(0)] }
            return reference.variables(for: text, prefix: lookup.save)
        }
    }
}
