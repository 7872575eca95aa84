/// Written by hand for the script cache: tuples (the bands) have no synthesized form.
extension GroupSpread: Codable {
    private enum CodingKeys: String, CodingKey { case prompt, values, fact, consent, bandNames, bandStarts }

    public init(from decoder: any Decoder) throws {
        // In the order `encode(to:)` writes, which the script cache's decoder requires.
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let prompt = try container.decodeIfPresent(Text.self, forKey: .prompt)
        let values = try container.decode(String.self, forKey: .values)
        let fact = try container.decodeIfPresent(String.self, forKey: .fact)
        let consent = try container.decodeIfPresent(String.self, forKey: .consent)
        let names = try container.decode([String].self, forKey: .bandNames)
        let starts = try container.decode([Double].self, forKey: .bandStarts)
        guard names.count == starts.count else {
            throw DecodingError.dataCorruptedError(forKey: .bandStarts, in: container, debugDescription: "bands do not pair up")
        }
        self.init(prompt: prompt, values: values, fact: fact, consent: consent, bands: zip(names, starts).map { (name: $0, from: $1) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(prompt, forKey: .prompt)
        try container.encode(values, forKey: .values)
        try container.encodeIfPresent(fact, forKey: .fact)
        try container.encodeIfPresent(consent, forKey: .consent)
        try container.encode(bands.map(\.name), forKey: .bandNames)
        try container.encode(bands.map(\.from), forKey: .bandStarts)
    }
}
