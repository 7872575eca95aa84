import ArgumentParser
import GroundworkCore
import GroundworkStore

/// `groundwork search TEXT`: journal entries and written answers across all of a person's sessions.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find journal entries and written answers across your sessions (ignoring case).",
        discussion: """
            An entry matches when it holds every word of TEXT, in any order, ignoring case. Each match is one \
            line: the session's start (UTC), its flow, and the entry with its #tags and mood.
            """
    )

    @Argument(help: "The words to look for: an entry must hold all of them.")
    var text: String

    @Option(help: "Only sessions of this flow, e.g. 'journal'.")
    var flow: String?

    @Option(help: "Only entries carrying this #tag.")
    var tag: String?

    @OptionGroup var dates: DateOptions

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if JournalEntry.trimmed(text).isEmpty { throw ValidationError("give some text to search for") }
    }

    func run() throws {
        let range = try dates.range()
        let context = try StoreContext(options)
        let listing = try context.run { () throws(StoreError) in try context.store.loadAll() }
        context.warn(listing.unreadable)
        let records = listing.items.filter { range.contains($0.startedAt) }
        let query = JournalEntry.trimmed(text)
        let wanted = tag.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
        let hits = SearchCommand.hits(in: records, query: query, flow: flow, tag: wanted)
        try StoreContext.output(hits.isEmpty ? "No entries match '\(query)'.\n" : hits.map { $0 + "\n" }.joined())
    }

    /// One line per matching entry, oldest session first, entries in the order they were written.
    static func hits(in records: [SessionRecord], query: String, flow: String?, tag: String?) -> [String] {
        var lines: [String] = []
        for record in records where flow == nil || record.flowID == flow {
            for answer in record.answers {
                guard let entry = JournalEntry(answer: answer), entry.matches(query) else { continue }
                if let tag, !entry.tags.contains(tag.lowercased()) { continue }
                var line = "\(record.startedAt.shortUTC)  \(record.flowID)  \(entry.text)"
                if let mood = entry.mood { line += "  (mood \(mood))" }
                lines.append(line)
            }
        }
        return lines
    }
}
