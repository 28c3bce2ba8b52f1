import Foundation

/// The names of a run's own files in the output folder, in one place.
///
/// A whole-folder run keeps its files at the top of the output folder (`_manifest.jsonl`,
/// `_journal.jsonl`, `_winnow.lock`, `_run.json`, `_errors.jsonl`, `_timings.jsonl`) and names
/// its jsonl parts `part-w03-00000.jsonl`. A shard keeps the same files under
/// `_shards/0003/` (plus its completion marker `_done.json`) and names its parts
/// `shard-0003-w03-00000.jsonl`, so shards running at once on several machines never write the
/// same file. Document outputs (`news/a.txt`) need no such care: each document belongs to
/// exactly one shard.
public struct RunNames: Sendable, Hashable {
    /// The shard, or nil for a whole-folder run.
    public var shard: Int?

    /// The names of a whole-folder run (nil) or of shard `shard`.
    public init(shard: Int? = nil) {
        self.shard = shard
    }

    /// The folder, relative to the output folder, that holds shards' own files.
    public static let shardsFolder = "_shards"
    /// The plan file, at the top of the output folder.
    public static let planFile = "_plan.json"
    /// A shard's completion marker, in its state folder.
    public static let markerFile = "_done.json"

    /// `0003`: a shard number as it appears in names (at least four digits).
    public static func shardLabel(_ shard: Int) -> String {
        let digits = String(shard)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The folder of the run's own files relative to the output folder: "" or `_shards/0003`.
    public var stateFolder: String {
        shard.map { Self.shardsFolder + "/" + Self.shardLabel($0) } ?? ""
    }

    /// `name` inside ``stateFolder``.
    private func state(_ name: String) -> String {
        stateFolder.isEmpty ? name : stateFolder + "/" + name
    }

    /// The manifest, relative to the output folder.
    public var manifest: String { state("_manifest.jsonl") }
    /// The crash journal.
    public var journal: String { state("_journal.jsonl") }
    /// The lock file.
    public var lock: String { state(RunLock.fileName) }
    /// The run report.
    public var run: String { state("_run.json") }
    /// The failed documents.
    public var errors: String { state("_errors.jsonl") }
    /// The per-document timings.
    public var timings: String { state("_timings.jsonl") }
    /// The completion marker (shards only; written last).
    public var marker: String { state(Self.markerFile) }

    /// The jsonl part prefix of a worker: `part-w03`, or `shard-0003-w03` for shard 3.
    public func partPrefix(worker: Int) -> String {
        let number = (worker < 10 ? "0" : "") + String(worker)
        guard let shard else { return "part-w" + number }
        return "shard-" + Self.shardLabel(shard) + "-w" + number
    }

    /// Whether the jsonl part `name` belongs to this run's series (so the run may remove it when
    /// no entry of its manifest refers to it). A whole-folder run leaves shards' parts alone, and
    /// a shard leaves every part but its own alone.
    public func ownsPart(_ name: String) -> Bool {
        guard JSONLinesPartWriter.isPartName(name) else { return false }
        guard let shard else { return !name.hasPrefix("shard-") }
        return name.hasPrefix("shard-" + Self.shardLabel(shard) + "-w")
    }
}
