import Crypto
import Foundation

/// A deterministic partition of a run's inputs into shards, for array jobs (Slurm, Kubernetes
/// Indexed Jobs, AWS Batch, Google Cloud Batch...).
///
/// A document belongs to shard `h mod count`, where `h` is the first 8 bytes (big-endian) of the
/// SHA-256 of its id (its path relative to the input folder). The hash depends on nothing else —
/// not on the other files, the machine or the process (Swift's `Hasher` is randomly seeded and
/// is never used) — so adding or removing files never moves the others to another shard.
public enum ShardPartition {
    /// The shard of the document `id` among `count` shards.
    public static func shard(of id: String, count: Int) -> Int {
        precondition(count > 0, "a partition needs at least one shard")
        let digest = SHA256.hash(data: Array(id.utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int(value % UInt64(count))
    }
}

/// The shard a run processes, and the plan it follows.
public struct ShardSelection: Sendable {
    /// The shard, `0..<count`.
    public var index: Int
    /// The number of shards.
    public var count: Int
    /// The plan every shard follows, when there is one: the run then processes exactly the plan's
    /// inputs of its shard instead of listing the input folder.
    public var plan: ShardPlan?

    /// Selects shard `index` of `count`, following `plan` when given.
    public init(index: Int, count: Int, plan: ShardPlan? = nil) {
        self.index = index
        self.count = count
        self.plan = plan
    }

    /// Whether the document `id` belongs to this shard.
    public func contains(_ id: String) -> Bool {
        ShardPartition.shard(of: id, count: count) == index
    }
}

/// The array-task index an engine gives a task through its environment.
public struct ShardEnvironment: Sendable, Hashable {
    /// The variable the index came from (`SLURM_ARRAY_TASK_ID`).
    public var variable: String
    /// The index.
    public var index: Int
    /// The engine's task count, when the engine's numbering makes it trustworthy as the shard
    /// count: Slurm only when the array is `0..COUNT-1` with step 1 (a re-run of a few tasks,
    /// `--array=2`, or `--array=1-4` is not), AWS Batch and Google Cloud Batch always (their
    /// arrays are numbered from 0). Kubernetes gives none.
    public var trustedCount: Int?
    /// Where ``trustedCount`` came from, for messages.
    public var countSource: String?

    /// The variables read, in order: the first one set wins.
    public static let indexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "BATCH_TASK_INDEX"]

    /// Reads the index from `environment`; nil when no engine variable is set. Throws when one is
    /// set but is not a number.
    public static func detect(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(DocumentError) -> ShardEnvironment? {
        guard let variable = indexVariables.first(where: { environment[$0] != nil }), let text = environment[variable] else { return nil }
        guard let index = Int(text.trimmingCharacters(in: .whitespaces)), index >= 0 else {
            throw DocumentError("\(variable)='\(text)' is not an array-task index", hint: "unset it, or pass the shard explicitly with --shard INDEX/COUNT")
        }
        var detected = ShardEnvironment(variable: variable, index: index)
        func number(_ name: String) -> Int? { environment[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        switch variable {
        case "SLURM_ARRAY_TASK_ID":
            if let count = number("SLURM_ARRAY_TASK_COUNT"), number("SLURM_ARRAY_TASK_MIN") == 0,
               number("SLURM_ARRAY_TASK_STEP") ?? 1 == 1, number("SLURM_ARRAY_TASK_MAX") == count - 1 {
                detected.trustedCount = count
                detected.countSource = "SLURM_ARRAY_TASK_COUNT (the array 0-\(count - 1))"
            }
        case "AWS_BATCH_JOB_ARRAY_INDEX":
            if let count = number("AWS_BATCH_JOB_ARRAY_SIZE") {
                detected.trustedCount = count
                detected.countSource = "AWS_BATCH_JOB_ARRAY_SIZE"
            }
        case "BATCH_TASK_INDEX":
            if let count = number("BATCH_TASK_COUNT") {
                detected.trustedCount = count
                detected.countSource = "BATCH_TASK_COUNT"
            }
        default:
            break
        }
        return detected
    }
}
