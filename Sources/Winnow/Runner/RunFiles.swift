import Foundation

/// Writes a run's own files into the output folder: `_manifest.jsonl`, `_run.json`,
/// `_errors.jsonl`, `_timings.jsonl`.
///
/// - `_manifest.jsonl`: one line per input, in input order: its id, path, size, SHA-256, status
///   (`written`, `dropped` with stage and reason, `failed` with stage and error), output paths,
///   and the pipeline's hash and winnow's version. It holds no timings, so the same inputs and
///   pipeline give the same manifest whatever the job count. Entries of documents an earlier run
///   finished (unchanged inputs, inputs the run did not reach) are carried over.
/// - `_timings.jsonl`: one line per document processed in this run: id, path, status, `start`
///   (seconds since the run started), `seconds` spent on it, input `bytes`.
/// - `_run.json`: the run report: counts by status and drop reason, removals by reason,
///   normalizer fixes, time, pages/s, MB/s, versions.
/// - `_errors.jsonl`: one line per failed document with the stage and the message.
///
/// Each file is written to a temporary name and renamed into place.
struct RunFiles {
    let configuration: PipelineConfiguration
    /// The files' names: a whole-folder run's, or a shard's (under `_shards/NNNN/`).
    var names = RunNames()

    /// One `_errors.jsonl` line.
    struct ErrorEntry: Codable {
        var id: String
        var path: String
        var stage: String
        var message: String
    }

    /// The `_run.json` object.
    struct RunSummary: Codable {
        var winnow: String
        var pipeline: String
        var pipelineFile: String
        var input: String
        var output: String
        var started: String
        var seconds: Double
        var jobs: Int
        var documents: Int
        var written: Int
        var dropped: Int
        var failed: Int
        var droppedByReason: [String: Int]
        var removalsByReason: [String: Int]
        var fixes: [String: Int]
        var bytes: Int
        var pagesPerSecond: Double
        var megabytesPerSecond: Double
        var problems: [String]
        var unchanged: Int
        var notReached: Int
        var pruned: Int
        var gone: Int
        var interruptedBy: Int32?
        var stoppedEarly: String?
        var complete: Bool
        /// The number of shards, in the report `winnow merge` writes (absent otherwise).
        var shards: Int? = nil
    }

    /// One `_timings.jsonl` line.
    struct TimingEntry: Codable {
        var id: String
        var path: String
        var status: String
        var start: Double
        var seconds: Double
        var bytes: Int
    }

    /// Writes the files: the manifest from `entries` (every input's latest entry), the errors
    /// and timings from this run's `outcomes`.
    func write(entries: [String: ManifestEntry], outcomes: [DocumentOutcome], report: RunReport) throws(DocumentError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let (manifest, errors) = Self.manifestAndErrors(entries)
        var timings = Data()
        for outcome in outcomes where outcome.status != .unchanged {
            let timing = TimingEntry(
                id: outcome.id, path: outcome.path, status: outcome.status.name, start: (outcome.start * 1e6).rounded() / 1e6,
                seconds: (outcome.seconds * 1e6).rounded() / 1e6, bytes: outcome.size)
            timings.append(Self.line(try? encoder.encode(timing)))
        }
        let seconds = max(report.seconds, 1e-9)
        let summary = RunSummary(
            winnow: WinnowVersion.current, pipeline: configuration.hash, pipelineFile: configuration.file,
            input: configuration.input.folder, output: configuration.outputFolder,
            started: ISO8601DateFormatter().string(from: report.started), seconds: (report.seconds * 1000).rounded() / 1000,
            jobs: report.jobs, documents: report.read, written: report.written, dropped: report.droppedCount, failed: report.failedCount,
            droppedByReason: report.dropped, removalsByReason: report.removals, fixes: report.fixes, bytes: report.bytes,
            pagesPerSecond: (Double(report.read) / seconds * 10).rounded() / 10,
            megabytesPerSecond: (Double(report.bytes) / 1e6 / seconds * 100).rounded() / 100, problems: report.problems,
            unchanged: report.unchanged, notReached: report.notReached, pruned: report.pruned, gone: report.gone,
            interruptedBy: report.interruptedBy, stoppedEarly: report.stoppedEarly, complete: report.stoppedEarly == nil)
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let run = (try? encoder.encode(summary)) ?? Data()
        let folder = configuration.outputFolder
        try OutputPath.writeAtomically(manifest, to: names.manifest, in: folder)
        try OutputPath.writeAtomically(errors, to: names.errors, in: folder)
        try OutputPath.writeAtomically(timings, to: names.timings, in: folder)
        try OutputPath.writeAtomically(run + Data("\n".utf8), to: names.run, in: folder)
    }

    /// The bytes of `_manifest.jsonl` (entries sorted by id, bytewise) and of `_errors.jsonl`
    /// (its failed entries) for `entries`.
    static func manifestAndErrors(_ entries: [String: ManifestEntry]) -> (manifest: Data, errors: Data) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var manifest = Data()
        var errors = Data()
        for id in entries.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let entry = entries[id]!
            manifest.append(line(try? encoder.encode(entry)))
            if entry.status == "failed" {
                errors.append(line(try? encoder.encode(ErrorEntry(id: entry.id, path: entry.path, stage: entry.stage ?? "", message: entry.error ?? ""))))
            }
        }
        return (manifest, errors)
    }

    /// JSON data followed by a newline (nothing when encoding failed).
    static func line(_ data: Data?) -> Data {
        guard var data else { return Data() }
        data.append(0x0A)
        return data
    }
}
