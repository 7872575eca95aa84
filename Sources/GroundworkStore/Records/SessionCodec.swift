import Foundation

/// Turns records into file bytes and back, and says precisely why a file cannot be read.
public struct SessionCodec: Sendable {
    public init() {}

    /// Pretty, key-sorted JSON so session files stay readable and diffable.
    public func encode(_ record: SessionRecord) throws(StoreError) -> [UInt8] {
        SessionJSONWriter.encode(record)
    }

    /// The record in `bytes`, upgraded from an older schema if needed; or why it cannot be read.
    public func decode(_ bytes: [UInt8], path: String) -> Result<SessionRecord, UnreadableFile> {
        if let problem = emptiness(bytes, path: path) { return .failure(problem) }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        // The common case costs one parse; the probe below only runs for files that fail.
        if let record = try? decoder.decode(SessionRecord.self, from: data),
           record.schemaVersion == SessionRecord.currentSchemaVersion {
            return .success(record)
        }
        switch probe(data, bytes: bytes, path: path) {
        case .failure(let problem):
            return .failure(problem)
        case .success(let version):
            do {
                if version == 1 { return .success(try decoder.decode(SessionRecordV1.self, from: data).upgraded()) }
                return .success(try decoder.decode(SessionRecord.self, from: data))
            } catch {
                return .failure(UnreadableFile(path: path, reason: SessionCodec.explain(error)))
            }
        }
    }

    /// Only what a listing needs; falls back to a full decode for older schemas.
    public func decodeHeader(_ bytes: [UInt8], path: String, fileName: String) -> Result<SessionHeader, UnreadableFile> {
        if let problem = emptiness(bytes, path: path) { return .failure(problem) }
        let data = Data(bytes)
        if let probe = try? JSONDecoder().decode(SessionHeaderProbe.self, from: data),
           probe.schemaVersion == SessionRecord.currentSchemaVersion {
            return .success(probe.header(fileName: fileName))
        }
        return decode(bytes, path: path).map { SessionHeader(record: $0, fileName: fileName) }
    }

    private struct VersionProbe: Decodable {
        var schemaVersion: Int?
        var version: Int?
    }

    private func emptiness(_ bytes: [UInt8], path: String) -> UnreadableFile? {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return UnreadableFile(path: path, reason: "the file is empty")
        }
        return nil
    }

    /// The schema version of a file that parses as JSON and that this build can read.
    private func probe(_ data: Data, bytes: [UInt8], path: String) -> Result<Int, UnreadableFile> {
        let found: VersionProbe
        do {
            found = try JSONDecoder().decode(VersionProbe.self, from: data)
        } catch DecodingError.typeMismatch {
            return .failure(UnreadableFile(path: path, reason: "not a groundwork session: not a JSON object"))
        } catch {
            // Only text that starts as JSON can have been cut short; anything else never was JSON.
            guard SessionCodec.startsAsJSON(bytes) else {
                return .failure(UnreadableFile(path: path, reason: "not a groundwork session: not JSON text (\(bytes.count) bytes of binary data or other text)"))
            }
            if SessionCodec.endsOpen(bytes) {
                return .failure(UnreadableFile(path: path, reason: "truncated: the file ends part-way through (\(bytes.count) bytes)"))
            }
            return .failure(UnreadableFile(path: path, reason: "not valid JSON"))
        }
        guard let version = found.schemaVersion ?? found.version else {
            return .failure(UnreadableFile(path: path, reason: "not a groundwork session: no schema version"))
        }
        if version > SessionRecord.currentSchemaVersion {
            return .failure(UnreadableFile(path: path, reason: "written by a newer groundwork (schema \(version); this one reads up to \(SessionRecord.currentSchemaVersion))"))
        }
        if version < 1 {
            return .failure(UnreadableFile(path: path, reason: "unknown schema version \(version)"))
        }
        return .success(version)
    }

    /// Whether the bytes are UTF-8 text (perhaps cut inside its last character) whose first non-blank
    /// character opens a JSON object or array.
    static func startsAsJSON(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }), first == 0x7B || first == 0x5B else { return false }
        // A cut may fall inside a character: up to three bytes at the end may be its first part.
        return (0...min(3, bytes.count)).contains { String(validating: bytes.dropLast($0), as: UTF8.self) != nil }
    }

    /// Whether the bytes stop inside a string or with an object or array still open: what a write
    /// cut short leaves (a cut that happens to fall after a `}` still leaves the outer object open).
    static func endsOpen(_ bytes: [UInt8]) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D: depth -= 1
            default: break
            }
        }
        return inString || depth > 0
    }

    /// A short, lowercase reason for a decoding error, with the JSON path of the problem.
    static func explain(_ error: Error) -> String {
        func where_(_ path: [CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : "'" + (text.hasPrefix(".") ? String(text.dropFirst()) : text) + "'"
        }
        guard let decoding = error as? DecodingError else { return "not a groundwork session" }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "not a groundwork session: missing '\(key.stringValue)' in \(where_(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "not a groundwork session: unexpected value at \(where_(context.codingPath))"
        case .dataCorrupted(let context):
            return "not a groundwork session: bad value at \(where_(context.codingPath))"
        @unknown default:
            return "not a groundwork session"
        }
    }
}
