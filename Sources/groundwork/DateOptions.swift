import ArgumentParser
import GroundworkStore

/// `--from` and `--to` for the commands that list sessions (history, search, export): a date or
/// words such as "yesterday", "last week" or "3 days ago", read against the clock (`Timestamp.now()`).
struct DateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only sessions started on or after this day (UTC): YYYY-MM-DD, today, yesterday, this week, last week, this month, last month, 3 days ago.",
                               valueName: "day"))
    var from: String?

    @Option(help: ArgumentHelp("Only sessions started on or before this day (UTC), in the same words.", valueName: "day"))
    var to: String?

    /// The range the two options name; a usage error naming the option when one is not a date.
    func range(now: Timestamp = .now()) throws -> DateRange {
        do throws(DateRange.Unreadable) {
            return try DateRange.between(from: from, to: to, now: now)
        } catch {
            throw AppError(error.description, status: .usage)
        }
    }
}
