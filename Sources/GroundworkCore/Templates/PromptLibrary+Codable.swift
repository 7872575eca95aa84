/// Templates are stored by their source and re-parsed when read back: the parsed Mustache form
/// belongs to swift-mustache and has no stored form of its own.
extension Template: Codable {
    private enum CodingKeys: String, CodingKey { case source, location }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let source = try container.decode(String.self, forKey: .source)
        let location = try container.decode(SourceLocation.self, forKey: .location)
        // Checked when it was stored (the cache's key covers its file); parsed when first rendered.
        self.init(cached: source, location: location)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(source, forKey: .source)
        try container.encode(location, forKey: .location)
    }
}

/// A prompt library is its templates by name; reading it back registers each again as a partial.
extension PromptLibrary: Codable {
    public init(from decoder: any Decoder) throws {
        self.init()
        for (name, template) in try [String: Template](from: decoder) {
            do {
                try add(template, named: name)
            } catch {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.message))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try templates.encode(to: encoder)
    }
}
