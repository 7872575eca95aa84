import Foundation
import GroundworkCore

/// The JSON messages of the live socket, both ways.
///
/// In: `{"type":"join","code":…,"name":…}` (a terminal), `{"type":"hello","token":…}` (a device
/// coming back), `{"type":"answer","id":…,"text":…}`. Out: `view` (the device's whole view),
/// `joined` (the token), `reply` (to an answer, after it is saved), `private` (the crisis lines),
/// `error`.
public enum RoomProtocol {
    public enum Request: Sendable, Hashable {
        case join(code: String, name: String)
        case hello(token: String)
        case answer(id: String, text: String)
    }

    struct Incoming: Codable {
        var type: String
        var code: String?
        var name: String?
        var token: String?
        var id: String?
        var text: String?
    }

    /// What the server sends; every field but `type` is optional.
    public struct Outgoing: Codable, Sendable, Hashable {
        public var type: String
        public var view: RoomView?
        public var token: String?
        public var name: String?
        public var id: String?
        /// For `reply`: accepted, refused or safety.
        public var status: String?
        public var text: String?
    }

    public static func decode(_ text: String) -> Request? {
        guard let message = try? JSONDecoder().decode(Incoming.self, from: Data(text.utf8)) else { return nil }
        switch message.type {
        case "join":
            guard let code = message.code, let name = message.name else { return nil }
            return .join(code: code, name: name)
        case "hello":
            return message.token.map { .hello(token: $0) }
        case "answer":
            guard let text = message.text else { return nil }
            return .answer(id: message.id ?? "", text: text)
        default:
            return nil
        }
    }

    public static func encode(_ request: Request) -> String {
        switch request {
        case .join(let code, let name): return json(Incoming(type: "join", code: code, name: name))
        case .hello(let token): return json(Incoming(type: "hello", token: token))
        case .answer(let id, let text): return json(Incoming(type: "answer", id: id, text: text))
        }
    }

    public static func decodeOutgoing(_ text: String) -> Outgoing? {
        try? JSONDecoder().decode(Outgoing.self, from: Data(text.utf8))
    }

    static func encode(_ message: Room.Message) -> String {
        switch message {
        case .view(let view): return json(Outgoing(type: "view", view: view))
        case .privately(let text): return json(Outgoing(type: "private", text: text))
        }
    }

    static func joined(token: String, name: String) -> String { json(Outgoing(type: "joined", token: token, name: name)) }

    static func error(_ text: String) -> String { json(Outgoing(type: "error", text: text)) }

    static func reply(id: String, _ reply: GroupReply) -> String {
        switch reply {
        case .accepted: return json(Outgoing(type: "reply", id: id, status: "accepted"))
        case .refused(let why): return json(Outgoing(type: "reply", id: id, status: "refused", text: why))
        case .safety(let text): return json(Outgoing(type: "reply", id: id, status: "safety", text: text))
        }
    }

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return #"{"type":"error","text":"could not encode"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Turns the fields of the page's answer form into the line the group engine reads, the same one
/// a person types at the terminal: text as is, a choice's number, dots as repeated numbers.
enum RoomAnswer {
    static func line(from fields: [String: String]) -> String {
        if let text = fields["text"] { return text }
        if let choice = fields["choice"] { return choice }
        // Checkboxes of a multi question: "pick-2=on".
        let picks = fields.keys.compactMap { $0.hasPrefix("pick-") ? Int($0.dropFirst(5)) : nil }.sorted()
        if !picks.isEmpty { return picks.map(String.init).joined(separator: ", ") }
        // A dot vote: "dot-3=2" gives option 3 two dots.
        let dots = fields.compactMap { key, value -> (Int, Int)? in
            guard key.hasPrefix("dot-"), let option = Int(key.dropFirst(4)), let count = Int(value), count > 0 else { return nil }
            return (option, min(count, 100))
        }.sorted { $0.0 < $1.0 }
        return dots.flatMap { Array(repeating: String($0.0), count: $0.1) }.joined(separator: " ")
    }
}
