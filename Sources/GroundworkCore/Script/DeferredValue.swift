import Foundation

/// A value made the first time it is read: the script cache decodes the safety net only when a
/// line is first screened, since no first question needs it. A reference shared by the library's
/// copies, so the value is made once; a lock makes the first read safe from any thread.
final class DeferredValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var make: (@Sendable () -> Value?)?
    private var made: Value?

    init(_ value: Value?) {
        made = value
    }

    init(deferred make: @escaping @Sendable () -> Value?) {
        self.make = make
    }

    /// The value, making it first if it is still deferred.
    var value: Value? {
        lock.lock()
        defer { lock.unlock() }
        if let make {
            made = make()
            self.make = nil
        }
        return made
    }

    /// True while the value has not been made (nothing read it yet).
    var isDeferred: Bool {
        lock.lock()
        defer { lock.unlock() }
        return make != nil
    }
}
