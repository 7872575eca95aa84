/// A library's stored form, for the script cache (`GroundworkStore.ScriptCache`): everything the
/// load built, so reading it back skips parsing, compiling and validating. A deferred task
/// classifier is stored as its file, still unparsed; a library whose classifier was parsed at load
/// is not stored at all (encoding throws: lint and the transcript tests load that way, and no
/// first question needs it). The occupation reference is not stored (the caller sets it from
/// `--reference` after every load).
extension ScriptLibrary: Codable {
    private enum CodingKeys: String, CodingKey { case flows, ruleSets, prompts, deferredClassifier, groupExercises, safetyNet }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(flows: try container.decode([String: Flow].self, forKey: .flows),
                  ruleSets: try container.decode([String: RuleSet].self, forKey: .ruleSets),
                  prompts: try container.decode(PromptLibrary.self, forKey: .prompts))
        if let file = try container.decodeIfPresent(SourceFile.self, forKey: .deferredClassifier) {
            classifierSlot = ClassifierSlot(deferred: file)
        }
        groupExercises = try container.decode([String: GroupExercise].self, forKey: .groupExercises)
        safetyNet = try container.decodeIfPresent(SafetyNet.self, forKey: .safetyNet)
    }

    public func encode(to encoder: any Encoder) throws {
        // Read without parsing a deferred file: the stored library defers it just the same. Checked
        // first, so a library that is not stored costs no encoding.
        let state = classifierSlot.snapshot
        if state.loaded != nil {
            throw EncodingError.invalidValue(self, EncodingError.Context(codingPath: encoder.codingPath,
                                                                         debugDescription: "a parsed task classifier is not stored; defer it"))
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(flows, forKey: .flows)
        try container.encode(ruleSets, forKey: .ruleSets)
        try container.encode(prompts, forKey: .prompts)
        try container.encodeIfPresent(state.pending, forKey: .deferredClassifier)
        try container.encode(groupExercises, forKey: .groupExercises)
        try container.encodeIfPresent(safetyNet, forKey: .safetyNet)
    }
}
