import GroundworkCore

/// A cache of session headers in `users/<user>/index.json`, so `history` over a thousand sessions
/// reads one small file instead of parsing every session.
///
/// Only a cache: each entry is trusted while the session file's inode, size and modification time
/// are unchanged (every durable write makes a new inode), anything else is read again, and a missing
/// or damaged index is rebuilt. Unreadable sessions are never cached, so they are reported every time.
/// Read and written with `JSONTree`: `JSONDecoder` took about 80 ms for a thousand headers.
struct SessionIndex {
    /// 2: headers carry the intention and the follow-up (an index of version 1 is rebuilt).
    static let currentVersion = 2

    struct Entry {
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var header: SessionHeader

        func matches(_ status: FileStatus) -> Bool {
            inode == status.inode && size == status.size && modified == status.modified
        }
    }

    var entries: [String: Entry] = [:]

    /// The index on disk, or an empty one when it is missing, damaged or of another version.
    static func load(_ path: String, fileSystem: any FileSystem, key: UserKey? = nil) -> SessionIndex {
        guard var bytes = try? fileSystem.read(path) else { return SessionIndex() }
        if SealedEnvelope.isSealed(bytes) {
            guard let key, let plain = try? key.open(bytes, path: path) else { return SessionIndex() }
            bytes = plain
        } else if key != nil {
            // An encrypted user's index is always sealed; a plain one was not written by us.
            return SessionIndex()
        }
        guard let tree = JSONTree.parse(bytes),
              tree["version"]?.numberValue == Double(currentVersion), case .object(let pairs)? = tree["entries"]
        else { return SessionIndex() }
        var index = SessionIndex()
        for (name, item) in pairs {
            guard let entry = Entry(item) else { return SessionIndex() }
            index.entries[name] = entry
        }
        return index
    }

    /// Saves the index; failures are ignored (a read-only folder just means no cache).
    func save(_ path: String, fileSystem: any FileSystem, key: UserKey? = nil) {
        let tree = JSONTree.object([
            ("version", .number(Double(SessionIndex.currentVersion))),
            ("entries", .object(entries.keys.sorted().compactMap { name in entries[name].map { (name, $0.tree) } })),
        ])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 400)
        tree.write(into: &bytes)
        if let key {
            guard let sealed = try? key.seal(bytes, path: path) else { return }
            bytes = sealed
        }
        try? DurableFile(fileSystem: fileSystem).write(bytes, to: path)
    }
}

extension SessionIndex.Entry {
    /// Integers are kept as decimal strings: inodes and nanosecond times do not fit a Double exactly.
    var tree: JSONTree {
        let h = header
        var pairs: [(String, JSONTree)] = [
            ("inode", .string(String(inode))), ("size", .string(String(size))), ("modified", .string(String(modified))),
            ("schemaVersion", .number(Double(h.schemaVersion))), ("id", .string(h.id)), ("user", .string(h.user)),
            ("flowID", .string(h.flowID)), ("flowTitle", .string(h.flowTitle)), ("status", .string(h.status.rawValue)),
            ("startedAt", .string(h.startedAt.description)), ("updatedAt", .string(h.updatedAt.description)),
            ("scores", .object(h.scores.keys.sorted().compactMap { k in h.scores[k].map { (k, JSONTree($0)) } })),
            ("answerCount", .number(Double(h.answerCount))), ("fileName", .string(h.fileName)),
        ]
        if let id = h.nextStepID { pairs.append(("nextStepID", .string(id))) }
        if let text = h.nextStepText { pairs.append(("nextStepText", .string(text))) }
        if let intention = h.intention { pairs.append(("intention", .string(intention))) }
        if let followUp = h.followUp { pairs.append(("followUp", followUp.tree)) }
        return .object(pairs)
    }

    init?(_ tree: JSONTree) {
        guard let inode = tree["inode"]?.stringValue.flatMap({ UInt64($0) }),
              let size = tree["size"]?.stringValue.flatMap({ Int64($0) }),
              let modified = tree["modified"]?.stringValue.flatMap({ Int64($0) }),
              let schema = tree["schemaVersion"]?.numberValue, let id = tree["id"]?.stringValue,
              let user = tree["user"]?.stringValue, let flowID = tree["flowID"]?.stringValue,
              let flowTitle = tree["flowTitle"]?.stringValue,
              let status = tree["status"]?.stringValue.flatMap(SessionState.Status.init(rawValue:)),
              let startedAt = tree["startedAt"]?.stringValue.flatMap(Timestamp.init(parsing:)),
              let updatedAt = tree["updatedAt"]?.stringValue.flatMap(Timestamp.init(parsing:)),
              case .object(let scorePairs)? = tree["scores"],
              let answers = tree["answerCount"]?.numberValue, let fileName = tree["fileName"]?.stringValue
        else { return nil }
        var scores: [String: Value] = [:]
        for (name, item) in scorePairs {
            guard let value = Value(item) else { return nil }
            scores[name] = value
        }
        var record = SessionRecord(id: id, user: user, flowID: flowID, flowTitle: flowTitle, flowHash: "",
                                   startedAt: startedAt, state: SessionState(flowID: flowID, flowHash: "", seed: 0))
        record.schemaVersion = Int(schema)
        record.status = status
        record.updatedAt = updatedAt
        var header = SessionHeader(record: record, fileName: fileName)
        header.scores = scores
        header.nextStepID = tree["nextStepID"]?.stringValue
        header.nextStepText = tree["nextStepText"]?.stringValue
        header.intention = tree["intention"]?.stringValue
        if let item = tree["followUp"] {
            guard let followUp = FollowUp(item) else { return nil }
            header.followUp = followUp
        }
        header.answerCount = Int(answers)
        self.init(inode: inode, size: size, modified: modified, header: header)
    }
}

extension FollowUp {
    /// The follow-up as an index entry holds it.
    var tree: JSONTree {
        let c = commitment
        var pairs: [(String, JSONTree)] = [("session", .string(c.sessionID)), ("kind", .string(c.kind.rawValue)),
                                           ("text", .string(c.text)), ("flow", .string(c.flowTitle)),
                                           ("ageDays", .number(Double(c.ageDays))), ("waiting", .bool(waiting))]
        if let step = c.stepID { pairs.append(("step", .string(step))) }
        if let answer { pairs.append(("answer", .string(answer.rawValue))) }
        return .object(pairs)
    }

    init?(_ tree: JSONTree) {
        guard let session = tree["session"]?.stringValue, let kind = tree["kind"]?.stringValue.flatMap(Commitment.Kind.init(rawValue:)),
              let text = tree["text"]?.stringValue, let flow = tree["flow"]?.stringValue, let age = tree["ageDays"]?.numberValue,
              case .bool(let waiting)? = tree["waiting"]
        else { return nil }
        var answer: FollowUpAnswer?
        if let raw = tree["answer"]?.stringValue {
            guard let parsed = FollowUpAnswer(rawValue: raw) else { return nil }
            answer = parsed
        }
        let commitment = Commitment(sessionID: session, kind: kind, text: text, stepID: tree["step"]?.stringValue,
                                    flowTitle: flow, ageDays: Int(age))
        self.init(commitment: commitment, answer: answer, waiting: waiting)
    }
}

extension Value {
    /// A flow value from JSON; nil for objects, which flow values never are.
    init?(_ tree: JSONTree) {
        switch tree {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array(let items):
            var values: [Value] = []
            for item in items {
                guard let value = Value(item) else { return nil }
                values.append(value)
            }
            self = .list(values)
        case .object: return nil
        }
    }
}
