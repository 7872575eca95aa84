import Foundation

/// Holds a library's task classifier: loaded, absent, or a file parsed on first use (see
/// `ScriptLibrary.load(scripts:prompts:deferringClassifier:)`). A reference shared by the library's
/// copies, so the file is parsed once; a lock makes the first read safe from any thread.
final class ClassifierSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: SourceFile?
    private var loaded: TaskClassifier?

    init(loaded: TaskClassifier?) {
        self.loaded = loaded
    }

    init(deferred file: SourceFile) {
        pending = file
    }

    /// The classifier, parsing the deferred file first if there is one; nil when the file has errors.
    var value: TaskClassifier? {
        lock.lock()
        defer { lock.unlock() }
        if let file = pending {
            var diagnostics: [Diagnostic] = []
            loaded = TaskClassifier.load(file, diagnostics: &diagnostics)
            pending = nil
        }
        return loaded
    }

    /// The deferred file and the loaded classifier as they stand, parsing nothing (for storing the library).
    var snapshot: (pending: SourceFile?, loaded: TaskClassifier?) {
        lock.lock()
        defer { lock.unlock() }
        return (pending, loaded)
    }

    /// True when the file has a top-level `kind: task-classifier` line: read from the bytes, so the
    /// check costs far less than the parse it saves.
    static func declaresClassifier(_ file: SourceFile) -> Bool {
        ScriptHeader.value(of: "kind", in: file.text) == "task-classifier"
    }
}
