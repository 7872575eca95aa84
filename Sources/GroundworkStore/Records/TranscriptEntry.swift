/// One line of a session's conversation, as shown.
public struct TranscriptEntry: Sendable, Hashable, Codable {
    /// Who said it.
    public enum Speaker: String, Sendable, Hashable, Codable { case coach, person }

    public var time: Timestamp
    public var speaker: Speaker
    public var text: String

    public init(time: Timestamp, speaker: Speaker, text: String) {
        self.time = time
        self.speaker = speaker
        self.text = text
    }
}
