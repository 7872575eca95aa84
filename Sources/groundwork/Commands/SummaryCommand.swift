import ArgumentParser
import GroundworkStore

/// `groundwork summary [SESSION | --last]`: one session's result.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Show a session's summary and next step (default: your latest completed session)."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "A session id (or its first characters) or file name, as 'groundwork history' shows.")
    var session: String?

    @Flag(help: "The latest completed session (the default).")
    var last = false

    @Option(help: "text, md or json.")
    var format: SummaryFormat = .text

    func validate() throws {
        if session != nil && last { throw ValidationError("give a session or --last, not both") }
    }

    func run() throws {
        let context = try StoreContext(options)
        let store = context.store
        let record = try context.run { () throws(StoreError) -> SessionRecord in
            if let session { return try store.load(fileName: try store.find(session).fileName) }
            let headers = try store.headers()
            context.warn(headers.unreadable)
            guard let chosen = headers.items.first(where: { $0.status == .completed }) ?? headers.items.first else {
                throw .sessionNotFound("--last")
            }
            return try store.load(fileName: chosen.fileName)
        }
        let previous = record.isCompleted
            ? (try? store.latestCompleted(flowID: record.flowID, excluding: record.id, before: record.startedAt)) ?? nil
            : nil
        let report = SummaryReport.render(record, previous: previous, format: format.report)
        guard format == .text else { return try StoreContext.output(escaped: report) }
        // On a terminal the report is wrapped like everything else on screen; piped, it stays as written.
        let app = try App(options)
        guard app.terminal.stdoutIsTerminal else { return try StoreContext.output(report) }
        app.makeRenderer().message(report.hasSuffix("\n") ? String(report.dropLast()) : report)
    }
}

/// `--format` of `summary`.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, md, json

    var report: SummaryReport.Format {
        switch self {
        case .text: return .text
        case .md: return .md
        case .json: return .json
        }
    }
}
