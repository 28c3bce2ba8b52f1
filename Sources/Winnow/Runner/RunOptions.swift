import Foundation
import Logging
import Synchronization

/// How a run treats earlier work, interruptions and failures.
public struct RunOptions: Sendable {
    /// Process every input, even those the manifest records as done with the same content,
    /// pipeline and winnow version.
    public var force = false
    /// Remove the outputs (and manifest entries) of inputs that are gone.
    public var prune = false
    /// Take the output folder's lock (``RunLock``); tests of the runner alone may turn it off.
    public var lock = true
    /// How long to wait for another run's lock: nil not at all, `.infinity` as long as it takes.
    public var lockWait: Double?
    /// Too many failures make the run fail; nil: any failure makes the exit status 1.
    public var maxFailures: FailureLimit?
    /// Lets another thread (a signal handler) stop the run.
    public var control: RunControl?
    /// Called once the inputs are listed, with their number (before any is processed).
    public var listed: (@Sendable (_ inputs: Int) -> Void)?
    /// The shard to process (`winnow run --shard`), nil for the whole input folder. A shard keeps
    /// its own manifest, journal, lock and report under `_shards/NNNN/` of the output folder.
    public var shard: ShardSelection?
    /// Where the run logs (nothing by default).
    public var logger = Logger(label: "winnow", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Creates the default options: incremental, locked, no limit.
    public init() {}
}

/// A limit on failures: a count, or a share of the documents processed.
public enum FailureLimit: Sendable, Hashable, CustomStringConvertible {
    /// At most this many failed documents.
    case count(Int)
    /// At most this percentage of the run's documents (processed or unchanged).
    case percent(Double)

    /// Parses `N` or `P%` (`--max-failures 10`, `--max-failures 2.5%`).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            guard let value = Double(trimmed.dropLast()), value >= 0, value <= 100 else { return nil }
            self = .percent(value)
        } else {
            guard let value = Int(trimmed), value >= 0 else { return nil }
            self = .count(value)
        }
    }

    /// Whether `failed` failures among `processed` documents go past the limit.
    public func exceeded(failed: Int, processed: Int) -> Bool {
        switch self {
        case .count(let limit): return failed > limit
        case .percent(let limit): return processed > 0 && Double(failed) * 100 > limit * Double(processed)
        }
    }

    public var description: String {
        switch self {
        case .count(let limit): return String(limit)
        case .percent(let limit): return String(format: "%g%%", limit)
        }
    }
}

/// Stops a run from another thread: workers finish the documents in flight, take no new ones,
/// and the run writes its report as usual.
public final class RunControl: Sendable {
    private let signal = Atomic<Int32>(0)

    /// Creates a control.
    public init() {}

    /// Asks the run to stop because of `signal` (SIGINT, SIGTERM; any non-zero number).
    public func stop(signal number: Int32) {
        _ = signal.compareExchange(expected: 0, desired: number, ordering: .relaxed)
    }

    /// The signal that stopped the run, if one did.
    public var stopSignal: Int32? {
        let value = signal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
