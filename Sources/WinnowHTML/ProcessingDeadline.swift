/// A per-document time limit, checked cooperatively.
///
/// Swift cannot stop a thread from outside, so the time a document may take is bounded from the
/// inside: the runner sets a deadline for the document's thread with ``run(seconds:_:)``, and the
/// loops that can take long on hostile input (the reader's tree building, block segmentation, the
/// strippers' passes, the normalizer's blocks) look at ``hasPassed`` every few thousand steps. A loop that
/// finds the deadline passed either throws (the reader: ``HTMLParseError/tookTooLong(seconds:)``)
/// or stops early with consistent, partial results; the runner then fails the document with
/// ``Exceeded`` after the stage returns, so partial results are never written.
///
/// Outside ``run(seconds:_:)`` (tests, the library used directly) there is no deadline and
/// ``hasPassed`` is always false.
public enum ProcessingDeadline {
    /// The deadline of the current thread's document and the limit it came from.
    struct Limit: Sendable {
        var end: ContinuousClock.Instant
        var seconds: Double
    }

    /// The current document's limit (a task-local value; on a plain thread, thread-local).
    @TaskLocal static var current: Limit?

    /// Runs `operation` with a deadline `seconds` from now (no deadline when nil or not positive).
    public static func run<R>(seconds: Double?, _ operation: () throws -> R) rethrows -> R {
        guard let seconds, seconds > 0, seconds.isFinite else { return try operation() }
        let limit = Limit(end: .now + .nanoseconds(Int64(min(seconds, 1e9) * 1e9)), seconds: seconds)
        return try $current.withValue(limit, operation: operation)
    }

    /// Whether the current document's deadline has passed (false when there is none).
    public static var hasPassed: Bool {
        guard let limit = current else { return false }
        return ContinuousClock.now >= limit.end
    }

    /// The limit in force, in seconds, if any.
    public static var seconds: Double? { current?.seconds }

    /// Throws ``Exceeded`` when the current document's deadline has passed.
    public static func check() throws(Exceeded) {
        guard let limit = current, ContinuousClock.now >= limit.end else { return }
        throw Exceeded(seconds: limit.seconds)
    }

    /// A document took longer than its time limit.
    public struct Exceeded: Error, Sendable, Hashable, CustomStringConvertible {
        /// The limit, in seconds.
        public var seconds: Double

        /// Creates the error for a limit of `seconds`.
        public init(seconds: Double) {
            self.seconds = seconds
        }

        /// What happened and what to do.
        public var description: String {
            "processing took longer than \(Self.format(seconds)) s and was stopped "
                + "(raise 'limits.max-seconds' in the pipeline file if the page is genuine)"
        }

        /// `60` for whole numbers, `0.5` otherwise.
        static func format(_ seconds: Double) -> String {
            seconds == seconds.rounded() && seconds < 1e15 ? String(Int(seconds)) : String(seconds)
        }
    }
}
