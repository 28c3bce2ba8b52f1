import Foundation

/// Writes a run's own files into the output folder: `_manifest.jsonl`, `_run.json`, `_errors.jsonl`.
///
/// - `_manifest.jsonl`: one line per input, in input order: its id, path, size, SHA-256, status
///   (`written`, `dropped` with stage and reason, `failed` with stage and error), output paths,
///   and the pipeline's hash and winnow's version. It holds no timings, so the same inputs and
///   pipeline give the same manifest whatever the job count.
/// - `_run.json`: the run report: counts by status and drop reason, removals by reason,
///   normalizer fixes, time, pages/s, MB/s, versions.
/// - `_errors.jsonl`: one line per failed document with the stage and the message.
///
/// Each file is written to a temporary name and renamed into place.
struct RunFiles {
    let configuration: PipelineConfiguration

    /// One manifest line.
    struct ManifestEntry: Encodable {
        var id: String
        var path: String
        var size: Int
        var sha256: String?
        var status: String
        var stage: String?
        var reason: String?
        var error: String?
        var outputs: [String]
        var pipeline: String
        var winnow: String
    }

    /// One `_errors.jsonl` line.
    struct ErrorEntry: Encodable {
        var id: String
        var path: String
        var stage: String
        var message: String
    }

    /// The `_run.json` object.
    struct RunSummary: Encodable {
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
    }

    /// Writes all three files.
    func write(outcomes: [DocumentOutcome], report: RunReport) throws(DocumentError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var manifest = Data()
        var errors = Data()
        for outcome in outcomes {
            var entry = ManifestEntry(
                id: outcome.id, path: outcome.path, size: outcome.size, sha256: outcome.sha256, status: "written",
                outputs: outcome.outputs, pipeline: configuration.hash, winnow: WinnowVersion.current)
            switch outcome.status {
            case .written:
                break
            case .dropped(let stage, let reason):
                entry.status = "dropped"; entry.stage = stage; entry.reason = reason
            case .failed(let stage, let message):
                entry.status = "failed"; entry.stage = stage; entry.error = message
                errors.append(Self.line(try? encoder.encode(ErrorEntry(id: outcome.id, path: outcome.path, stage: stage, message: message))))
            }
            manifest.append(Self.line(try? encoder.encode(entry)))
        }
        let seconds = max(report.seconds, 1e-9)
        let summary = RunSummary(
            winnow: WinnowVersion.current, pipeline: configuration.hash, pipelineFile: configuration.file,
            input: configuration.input.folder, output: configuration.outputFolder,
            started: ISO8601DateFormatter().string(from: report.started), seconds: (report.seconds * 1000).rounded() / 1000,
            jobs: report.jobs, documents: report.read, written: report.written, dropped: report.droppedCount, failed: report.failedCount,
            droppedByReason: report.dropped, removalsByReason: report.removals, fixes: report.fixes, bytes: report.bytes,
            pagesPerSecond: (Double(report.read) / seconds * 10).rounded() / 10,
            megabytesPerSecond: (Double(report.bytes) / 1e6 / seconds * 100).rounded() / 100, problems: report.problems)
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let run = (try? encoder.encode(summary)) ?? Data()
        let folder = configuration.outputFolder
        try OutputPath.writeAtomically(manifest, to: "_manifest.jsonl", in: folder)
        try OutputPath.writeAtomically(errors, to: "_errors.jsonl", in: folder)
        try OutputPath.writeAtomically(run + Data("\n".utf8), to: "_run.json", in: folder)
    }

    /// JSON data followed by a newline (nothing when encoding failed).
    static func line(_ data: Data?) -> Data {
        guard var data else { return Data() }
        data.append(0x0A)
        return data
    }
}
