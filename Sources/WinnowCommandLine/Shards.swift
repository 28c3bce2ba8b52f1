import ArgumentParser
import Foundation
import Winnow

/// Exit statuses of `winnow status` and `winnow merge` beyond the common ones.
enum ShardExitStatus {
    /// Some shards failed (finished with failed documents, or stopped early); for `merge`,
    /// failed documents in the merged result.
    static let failed: Int32 = 1
    /// Some shards are missing or running: the sharded run is not finished (`merge`: nothing merged).
    static let notFinished: Int32 = 3
}

extension WinnowCommand {
    /// `winnow plan PIPELINE --shards N`.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the plan every shard of a sharded run follows.",
            discussion: """
                Lists the input folder once and writes _plan.json into the output folder: the pipeline \
                file and its hash, the input folder, the sorted inputs (id, size) and the shard count. \
                Shards (winnow run --shard) then process exactly the plan's inputs, even if the input \
                folder changes while they run, and refuse a pipeline whose stages changed. Making the \
                plan again (same count) keeps every shard's finished work: inputs never move between \
                shards. Refuses while a shard is running, or when the folder holds shards of another count.
                """
        )

        @Argument(help: "The pipeline file (YAML).", completion: .file(extensions: ["yml", "yaml"]))
        var pipeline: String

        @Option(help: "The number of shards.")
        var shards: Int

        @Option(help: "The input folder (replaces the pipeline file's input.folder).")
        var input: String?

        @Option(help: "The output folder (replaces the pipeline file's output.folder).")
        var output: String?

        func validate() throws {
            if shards < 1 { throw ValidationError("--shards must be at least 1") }
        }

        func run() throws {
            let configuration = try PipelineLoader(registry: Registry.current)
                .load(path: pipeline, overrides: .init(input: input, output: output))
            let folder = configuration.outputFolder
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + RunNames.shardsFolder)) ?? []
            for label in existing.sorted() {
                guard let shard = Int(label) else { continue }
                if let marker = ShardMarker.load(folder: folder, shard: shard), marker.shards != shards {
                    throw DocumentError(
                        "\(folder) holds the shards of a \(marker.shards)-shard run; a plan with \(shards) shards would mix them",
                        hint: "keep --shards \(marker.shards), or use a new output folder")
                }
                if let holder = ShardSurvey.lockHolder(folder + "/" + RunNames(shard: shard).lock) {
                    throw DocumentError(
                        "shard \(label) of \(folder) is running (\(holder)); a new plan now would make its work count for nothing",
                        hint: "wait for it to end (see 'winnow status \(folder)'), then plan again")
                }
            }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let plan = try ShardPlan(configuration: configuration, shards: shards)
            try plan.write(to: folder)
            var sizes = [Int](repeating: 0, count: shards)
            for input in plan.inputs { sizes[ShardPartition.shard(of: input.id, count: shards)] += 1 }
            let spread = shards <= 16 ? " (" + sizes.map(String.init).joined(separator: ", ") + ")" : " (\(sizes.min() ?? 0) to \(sizes.max() ?? 0) each)"
            print("planned \(plan.inputs.count) inputs in \(shards) shards\(spread): \(folder)/\(RunNames.planFile)")
        }
    }

    /// `winnow status OUTPUT`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which shards of a sharded run are done, running, failed or missing.",
            discussion: """
                One line per shard with its counts, then a summary. A shard is done when its \
                completion marker says every input was written or dropped; failed when documents \
                failed or its run stopped early (or was killed: a journal and no marker); running \
                while a run holds its lock; missing when it never ran or its marker is from another \
                plan. Exit codes: 0 every shard done; 1 some shards failed (none missing or running); \
                3 some shards missing or running; 78 not a sharded output folder.
                """
        )

        @Argument(help: "The output folder of the sharded run.", completion: .directory)
        var output: String

        @Option(help: "The number of shards (default: the plan's, or the shards' own).")
        var shards: Int?

        func run() throws {
            let survey = try ShardSurvey.read(folder: output, count: shards)
            var documents = 0, written = 0, dropped = 0, failed = 0
            for status in survey.shards {
                var line = "shard \(RunNames.shardLabel(status.shard))  " + status.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                if let marker = status.marker {
                    line += "  \(marker.documents) documents: \(marker.written) written, \(marker.dropped) dropped, \(marker.failed) failed"
                    documents += marker.documents; written += marker.written; dropped += marker.dropped; failed += marker.failed
                } else if status.state == .running || status.journaled > 0 {
                    line += "  \(status.journaled)" + (status.planned.map { " of \($0)" } ?? "") + " documents so far"
                } else if let planned = status.planned {
                    line += "  \(planned) planned"
                }
                if !status.detail.isEmpty { line += " (\(status.detail))" }
                print(line)
            }
            print("\(survey.count) shards: \(survey.count(.done)) done, \(survey.count(.failed)) failed, \(survey.count(.running)) running, \(survey.count(.missing)) missing; "
                + "\(documents) documents finished (\(written) written, \(dropped) dropped, \(failed) failed)"
                + (survey.plan.map { " of \($0.inputs.count) planned" } ?? ""))
            if survey.count(.running) + survey.count(.missing) > 0 { throw ExitCode(ShardExitStatus.notFinished) }
            if survey.count(.failed) > 0 { throw ExitCode(ShardExitStatus.failed) }
        }
    }

    /// `winnow merge OUTPUT`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine the shards of a sharded run into one output folder.",
            discussion: """
                Writes _manifest.jsonl (every shard's entries, sorted by id), _errors.jsonl, \
                _timings.jsonl and _run.json (the shards' sums). The folder then equals a \
                single-machine run's, except _run.json and _timings.jsonl (timings), the names of jsonl \
                parts (shard-0003-w00-00000.jsonl), and _plan.json and _shards/ (kept, so shards can be \
                re-run and merged again). Refuses while a shard is missing, running or did not finish, \
                unless --partial (which merges the finished shards alone). A later winnow run on the \
                folder is incremental. Exit codes: 0 merged; 1 merged, some documents failed; \
                3 shards not finished, nothing merged; 75 the folder is locked by a run or merge; \
                78 not a sharded output folder.
                """
        )

        @Argument(help: "The output folder of the sharded run.", completion: .directory)
        var output: String

        @Flag(help: "Merge the finished shards even when others are missing, running or unfinished.")
        var partial = false

        @Option(help: "The number of shards (default: the plan's, or the shards' own).")
        var shards: Int?

        func run() throws {
            let result: ShardMerge.Result
            do {
                result = try ShardMerge.merge(folder: output, count: shards, partial: partial)
            } catch let notReady as ShardMerge.NotReady {
                FileHandle.standardError.write(Data("winnow: error: \(notReady)\n".utf8))
                throw ExitCode(ShardExitStatus.notFinished)
            } catch let busy as RunLock.Busy {
                FileHandle.standardError.write(Data("winnow: error: \(busy)\n".utf8))
                throw ExitCode(ExitStatus.locked)
            }
            let skipped = result.survey.count - result.merged.count
            print("merged \(result.merged.count) of \(result.survey.count) shards into \(output): \(result.documents) documents "
                + "(\(result.written) written, \(result.dropped) dropped, \(result.failed) failed)"
                + (skipped > 0 ? "; partial: \(skipped) shards not merged" : ""))
            if result.failed > 0 { throw ExitCode(ShardExitStatus.failed) }
        }
    }
}
