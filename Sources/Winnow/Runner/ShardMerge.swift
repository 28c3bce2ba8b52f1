import Foundation

/// Combines the shards of an output folder into the files a single-machine run writes:
/// `_manifest.jsonl` (every shard's entries, sorted by id), `_errors.jsonl`, `_timings.jsonl`
/// (the shards' last runs, by id) and `_run.json` (their sums).
///
/// Document outputs are already in place (each shard wrote its own), so after a merge the folder
/// equals a single-machine run's except the run-specific `_run.json` and `_timings.jsonl`, the
/// names of jsonl parts (`shard-0003-w00-00000.jsonl` for `part-w00-00000.jsonl`, also in the
/// manifest's `outputs`), and the sharding's own `_plan.json` and `_shards/`, which the merge
/// keeps so that shards can be re-run incrementally and merged again. A later plain `winnow run`
/// on the folder reads the merged manifest and is incremental too.
public enum ShardMerge {
    /// Shards that are not ready to merge.
    public struct NotReady: Error, CustomStringConvertible, Sendable {
        /// The folder.
        public var folder: String
        /// The shards not ready, with their states.
        public var shards: [ShardStatus]
        /// The shard count.
        public var count: Int

        public var description: String {
            let list = shards.map { "shard \(RunNames.shardLabel($0.shard)) is \($0.state.rawValue)" + ($0.detail.isEmpty ? "" : " (\($0.detail))") }
            return "cannot merge \(folder): \(shards.count) of \(count) shards are not finished: " + list.joined(separator: "; ")
                + "; run them again (winnow run PIPELINE --shard INDEX/\(count), or winnow slurm PIPELINE --rerun --submit), or merge the finished ones with --partial"
        }
    }

    /// What a merge did.
    public struct Result: Sendable {
        /// The shards as they were when merged.
        public var survey: ShardSurvey
        /// The shards merged.
        public var merged: [Int]
        /// Entries in the merged manifest.
        public var documents = 0
        /// Of those, written.
        public var written = 0
        /// Of those, dropped.
        public var dropped = 0
        /// Of those, failed.
        public var failed = 0
    }

    /// Merges the shards of `folder` (count from `count`, the plan or the markers), holding the
    /// folder's own lock (waiting `lockWait` seconds for it like `winnow run --wait`).
    ///
    /// Throws ``NotReady`` when a shard is missing, running or did not finish, unless `partial`,
    /// which merges the finished shards alone (at least one); ``RunLock/Busy`` when another run
    /// or merge holds the folder.
    public static func merge(folder: String, count: Int? = nil, partial: Bool = false, lockWait: Double? = nil) throws -> Result {
        let lock = try RunLock(folder: folder, wait: lockWait)
        defer { withExtendedLifetime(lock) {} }
        let survey = try ShardSurvey.read(folder: folder, count: count)
        let ready = survey.shards.filter(\.isMergeable)
        let waiting = survey.shards.filter { !$0.isMergeable }
        if !waiting.isEmpty && (!partial || ready.isEmpty) {
            throw NotReady(folder: folder, shards: waiting, count: survey.count)
        }
        var result = Result(survey: survey, merged: ready.map(\.shard))

        var entries: [String: ManifestEntry] = [:]
        var timings: [(id: String, line: Data)] = []
        var summaries: [RunFiles.RunSummary] = []
        let decoder = JSONDecoder()
        for status in ready {
            let names = RunNames(shard: status.shard)
            for entry in ManifestState.entries(in: folder + "/" + names.manifest)
            where ShardPartition.shard(of: entry.id, count: survey.count) == status.shard {
                entries[entry.id] = entry
            }
            let data = FileManager.default.contents(atPath: folder + "/" + names.timings) ?? Data()
            for line in data.split(separator: 0x0A) where !line.isEmpty {
                let id = (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["id"] as? String ?? ""
                timings.append((id, Data(line) + Data([0x0A])))
            }
            if let run = FileManager.default.contents(atPath: folder + "/" + names.run),
               var summary = try? decoder.decode(RunFiles.RunSummary.self, from: run) {
                summary.problems = summary.problems.map { "shard \(RunNames.shardLabel(status.shard)): \($0)" }
                summaries.append(summary)
            }
        }
        let deduplication = try retractDuplicates(&entries, folder: folder)
        for entry in entries.values {
            switch entry.status {
            case "written": result.written += 1
            case "dropped": result.dropped += 1
            case "failed": result.failed += 1
            default: break
            }
        }
        result.documents = entries.count
        timings.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }

        let notMerged = waiting.map { RunNames.shardLabel($0.shard) }
        var summary = combine(summaries, folder: folder, plan: survey.plan, count: survey.count, notMerged: notMerged)
        if deduplication.retracted > 0 {
            summary.written = max(0, summary.written - deduplication.retracted)
            summary.dropped += deduplication.retracted
            for (reason, count) in deduplication.reasons { summary.droppedByReason[reason, default: 0] += count }
        }
        if !deduplication.reinstate.isEmpty {
            summary.problems.append(
                "\(deduplication.reinstate.count) documents were dropped as near-duplicates within their shard but are not copies of any document kept across the shards (\(deduplication.reinstate.prefix(3).joined(separator: ", "))\(deduplication.reinstate.count > 3 ? ", ..." : "")): run the pipeline once on this folder (winnow run) to write them")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let (manifest, errors) = RunFiles.manifestAndErrors(entries)
        try OutputPath.writeAtomically(manifest, to: RunNames().manifest, in: folder)
        try OutputPath.writeAtomically(errors, to: RunNames().errors, in: folder)
        try OutputPath.writeAtomically(timings.reduce(into: Data()) { $0.append($1.line) }, to: RunNames().timings, in: folder)
        try OutputPath.writeAtomically(((try? encoder.encode(summary)) ?? Data()) + Data("\n".utf8), to: RunNames().run, in: folder)

        // The merged manifest is now the folder's record: a whole-folder journal left by an
        // interrupted plain run, and that run's parts no entry refers to, would contradict it.
        try? FileManager.default.removeItem(atPath: folder + "/" + RunNames().journal)
        Pipeline.removeOrphanParts(in: folder, referenced: Set(entries.values.flatMap(\.outputs)))
        if survey.count(.running) == 0 {
            Pipeline.removeTemporaryFiles(in: folder)
        }
        return result
    }

    /// Decides deduplication across the shards (each shard decided over its own documents only):
    /// written documents that copy a document kept in another shard lose their outputs and
    /// become dropped by `dedup`, as a single-machine run would have left them.
    static func retractDuplicates(_ entries: inout [String: ManifestEntry], folder: String) throws -> (retracted: Int, reasons: [String: Int], reinstate: [String]) {
        let candidates = entries.values.compactMap { entry -> (id: String, key: DedupKey)? in
            guard let key = entry.dedup, entry.status == "written" || entry.duplicateOf != nil else { return nil }
            return (entry.id, key)
        }
        guard !candidates.isEmpty else { return (0, [:], []) }
        let verdicts = DedupResolver.copies(candidates)
        var retracted = 0
        var reasons: [String: Int] = [:]
        var reinstate: [String] = []
        var staleLines: [String: Set<String>] = [:]
        for (id, entry) in entries.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            guard let verdict = verdicts[id] else {
                if entry.duplicateOf != nil, entry.dedup != nil { reinstate.append(id) }
                continue
            }
            if entry.duplicateOf != nil {
                // Dropped within its shard: name the copy kept across the shards.
                entries[id]?.duplicateOf = verdict.of
                entries[id]?.reason = verdict.reason
                continue
            }
            guard entry.status == "written" else { continue }
            for output in entry.outputs {
                if JSONLinesPartWriter.isPartName(output) {
                    staleLines[output, default: []].insert(id)
                } else {
                    try? FileManager.default.removeItem(atPath: folder + "/" + output)
                }
            }
            var dropped = entry
            dropped.status = "dropped"
            dropped.stage = DedupStage.name
            dropped.reason = verdict.reason
            dropped.duplicateOf = verdict.of
            dropped.outputs = []
            entries[id] = dropped
            retracted += 1
            reasons[verdict.reason, default: 0] += 1
        }
        for (part, ids) in staleLines.sorted(by: { $0.key < $1.key }) {
            try JSONLinesPartWriter.removeLines(of: ids, fromPart: part, in: folder)
        }
        return (retracted, reasons, reinstate)
    }

    /// The `_run.json` of a merge: the shards' last runs summed (their earliest start, their
    /// longest time, their jobs added up).
    static func combine(_ summaries: [RunFiles.RunSummary], folder: String, plan: ShardPlan?, count: Int, notMerged: [String]) -> RunFiles.RunSummary {
        let first = summaries.first
        var summary = RunFiles.RunSummary(
            winnow: WinnowVersion.current, pipeline: plan?.pipeline ?? first?.pipeline ?? "", pipelineFile: plan?.pipelineFile ?? first?.pipelineFile ?? "",
            input: plan?.inputFolder ?? first?.input ?? "", output: first?.output ?? folder,
            started: summaries.map(\.started).min() ?? ISO8601DateFormatter().string(from: Date()),
            seconds: summaries.map(\.seconds).max() ?? 0, jobs: 0, documents: 0, written: 0, dropped: 0, failed: 0,
            droppedByReason: [:], removalsByReason: [:], fixes: [:], bytes: 0, pagesPerSecond: 0, megabytesPerSecond: 0,
            problems: [], unchanged: 0, notReached: 0, pruned: 0, gone: 0, interruptedBy: nil, stoppedEarly: nil, complete: true)
        for shard in summaries {
            summary.jobs += shard.jobs
            summary.documents += shard.documents
            summary.written += shard.written
            summary.dropped += shard.dropped
            summary.failed += shard.failed
            summary.droppedByReason.merge(shard.droppedByReason, uniquingKeysWith: +)
            summary.removalsByReason.merge(shard.removalsByReason, uniquingKeysWith: +)
            summary.fixes.merge(shard.fixes, uniquingKeysWith: +)
            summary.bytes += shard.bytes
            summary.problems += shard.problems
            summary.unchanged += shard.unchanged
            summary.notReached += shard.notReached
            summary.pruned += shard.pruned
            summary.gone += shard.gone
            summary.complete = summary.complete && shard.complete
        }
        let seconds = max(summary.seconds, 1e-9)
        summary.pagesPerSecond = (Double(summary.documents) / seconds * 10).rounded() / 10
        summary.megabytesPerSecond = (Double(summary.bytes) / 1e6 / seconds * 100).rounded() / 100
        summary.shards = count
        if !notMerged.isEmpty {
            summary.complete = false
            summary.stoppedEarly = "partial merge: shard\(notMerged.count == 1 ? "" : "s") \(notMerged.joined(separator: ", ")) not merged"
        }
        return summary
    }
}
