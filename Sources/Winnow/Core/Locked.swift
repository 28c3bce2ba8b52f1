import Foundation

/// A value that several threads share, behind a lock.
///
/// The lock is a pthread mutex (`NSLock`), which ThreadSanitizer understands. (The standard
/// library's `Synchronization.Mutex` waits on futexes on Linux, which ThreadSanitizer does not
/// see: it then reports races inside `withLock` that cannot happen, and `.ci/run` runs the
/// concurrent tests under ThreadSanitizer.)
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Shares `value`.
    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` on the value while holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
