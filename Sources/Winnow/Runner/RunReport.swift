import Foundation

/// The totals of a run: counts by status and reason, failures, time.
public struct RunReport: Sendable {
    /// Documents found in the input.
    public var read = 0
    /// Documents written.
    public var written = 0
    /// Dropped documents per reason.
    public var dropped: [String: Int] = [:]
    /// Failed documents with their stage and message, in input order.
    public var failures: [(id: String, stage: String, message: String)] = []
    /// Removals per reason over all documents.
    public var removals: [String: Int] = [:]
    /// Normalizer fixes per kind over all documents.
    public var fixes: [String: Int] = [:]
    /// Bytes of input read.
    public var bytes = 0
    /// Wall-clock seconds.
    public var seconds: Double = 0
    /// When the run started.
    public var started = Date()
    /// Worker count.
    public var jobs = 1
    /// Problems that concern no single document (unreadable folders).
    public var problems: [String] = []
    /// Documents left as they were because the manifest records them as done (incremental runs).
    public var unchanged = 0
    /// Documents the run did not reach because it stopped early.
    public var notReached = 0
    /// Inputs that are gone whose outputs were removed (`--prune`).
    public var pruned = 0
    /// Inputs that are gone whose outputs were kept (no `--prune`).
    public var gone = 0
    /// The signal that interrupted the run, if one did.
    public var interruptedBy: Int32?
    /// Why the run stopped before its end, if it did.
    public var stoppedEarly: String?
    /// Why the output folder could not record finished work (a full disk...), if it could not.
    public var outputProblem: String?

    /// Creates an empty report.
    public init() {}

    /// Number of dropped documents.
    public var droppedCount: Int { dropped.values.reduce(0, +) }
    /// Number of failed documents.
    public var failedCount: Int { failures.count }

    /// Adds one document's outcome.
    public mutating func add(_ outcome: DocumentOutcome) {
        if case .unchanged = outcome.status {
            unchanged += 1
            return
        }
        read += 1
        bytes += outcome.size
        switch outcome.status {
        case .written: written += 1
        case .dropped(_, let reason): dropped[reason, default: 0] += 1
        case .failed(let stage, let message): failures.append((outcome.id, stage, message))
        case .unchanged: break
        }
        removals.merge(outcome.removals, uniquingKeysWith: +)
        fixes.merge(outcome.fixes, uniquingKeysWith: +)
    }

    /// One line for the end of a run: `winnow: 12 read, 10 written, 1 dropped (empty: 1), 1 failed in 0.4 s`.
    ///
    /// "read" counts the documents processed in this run; unchanged (skipped), pruned and not
    /// reached documents follow the failures when there are any.
    public var summary: String {
        var line = "winnow: \(read) read, \(written) written, \(droppedCount) dropped"
        if !dropped.isEmpty {
            line += " (" + dropped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
        }
        line += ", \(failedCount) failed"
        if unchanged > 0 { line += ", \(unchanged) unchanged" }
        if pruned > 0 { line += ", \(pruned) pruned" }
        if notReached > 0 { line += ", \(notReached) not reached" }
        line += String(format: " in %.2f s", seconds)
        if seconds > 0, read > 0 {
            line += String(format: " (%.0f pages/s, %d jobs)", Double(read) / seconds, jobs)
        }
        return line
    }
}
