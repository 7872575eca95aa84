import ArgumentParser

/// `groundwork resume`: continues the active session where it stopped.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue your active session where you left off.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let app = try App(options)
        let store = try app.userStore()
        let writer = try app.lockForWriting(store)
        guard let record = try app.latestActive(store) else {
            throw AppError("no session to resume for this user; start one with 'groundwork start FLOW'")
        }
        try app.resume(record, library: app.loadLibrary(only: record.flowID), writer: writer)
    }
}
