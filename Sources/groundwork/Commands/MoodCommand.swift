import ArgumentParser
import GroundworkStore

/// `groundwork mood`: energy and mood over time, from the person's own sessions.
struct MoodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mood",
        abstract: "Show your energy (daily check-ins) and mood (journal 'mood: N') over time, and by week."
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Digits and '#' instead of block characters.")
    var plain = false

    @OptionGroup var dates: DateOptions

    func run() throws {
        let range = try dates.range()
        let context = try StoreContext(options)
        let listing = try context.run { () throws(StoreError) in try context.store.headers() }
        context.warn(listing.unreadable)
        let records = listing.items
            .filter { range.contains($0.startedAt) && ($0.flowID == "daily-checkin" || $0.flowID == "journal") }
            .compactMap { try? context.store.load(fileName: $0.fileName) }
        let (energy, mood) = MoodReport.readings(records)
        try StoreContext.output(MoodReport.text(energy: energy, mood: mood, plain: plain))
    }
}
