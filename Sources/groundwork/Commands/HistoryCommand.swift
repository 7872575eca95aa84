import ArgumentParser
import GroundworkStore

/// `groundwork history`: your sessions, newest first, with the exposure trend.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List your sessions, newest first, with the exposure trend across career check-ins."
    )

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: GlobalOptions

    @Option(help: "text or json.")
    var format: Format = .text

    @OptionGroup var dates: DateOptions

    func run() throws {
        let range = try dates.range()
        let context = try StoreContext(options)
        var listing = try context.run { () throws(StoreError) in try context.store.headers() }
        let all = listing.items.count
        listing.items = listing.items.filter { range.contains($0.startedAt) }
        // Journal sessions show their entries' tags and moods, which only the full file holds.
        var journals: [String: HistoryReport.JournalNote] = [:]
        for header in listing.items where header.flowID == "journal" {
            if let record = try? context.store.load(fileName: header.fileName) {
                journals[header.id] = HistoryReport.JournalNote(record)
            }
        }
        switch format {
        case .text:
            context.warn(listing.unreadable)
            if listing.items.isEmpty, all > 0 {
                return try StoreContext.output("No sessions in those days (\(all) in all); try a wider --from or --to.\n")
            }
            try StoreContext.output(HistoryReport.text(listing.items, journals: journals))
        case .json:
            try StoreContext.output(escaped: HistoryReport.json(listing.items, unreadable: listing.unreadable, journals: journals))
        }
    }
}
