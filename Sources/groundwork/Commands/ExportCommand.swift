import ArgumentParser
import Foundation
import GroundworkStore

/// `groundwork export`: all of your sessions as Markdown or JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export your sessions (all, or those --from/--to name) as Markdown or JSON, to stdout or a file (written 0600)."
    )

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable { case md, json }

    @OptionGroup var options: GlobalOptions

    @Option(help: "md or json.")
    var format: Format = .md

    @Option(name: .shortAndLong, help: "Write to this file (mode 0600) instead of stdout.")
    var output: String?

    @OptionGroup var dates: DateOptions

    func run() throws {
        let range = try dates.range()
        let context = try StoreContext(options)
        var listing = try context.run { () throws(StoreError) in try context.store.loadAll() }
        listing.items = listing.items.filter { range.contains($0.startedAt) }
        context.warn(listing.unreadable)
        let text = try context.run { () throws(StoreError) in
            try ExportReport.render(listing.items, user: context.user.rawValue, format: format == .md ? .md : .json)
        }
        guard let output else { return try StoreContext.output(escaped: text) }
        let path = DataLocation(root: output).root
        // The file is replaced by renaming a new one over it: that would turn a symbolic link or a
        // device into a plain file, so only a regular file (or a new name) is written.
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            let kind = info.st_mode & S_IFMT == S_IFLNK ? "a symbolic link" : info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file"
            throw AppError("'\(path)' is \(kind); export writes only regular files: give a new file name, or leave out --output to write to stdout")
        }
        try context.run { () throws(StoreError) in try DurableFile().write(Array(text.utf8), to: path) }
        StoreContext.printError("exported \(listing.items.count) session\(listing.items.count == 1 ? "" : "s") to '\(path)'")
    }
}
