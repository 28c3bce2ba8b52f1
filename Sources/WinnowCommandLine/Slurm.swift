import ArgumentParser
import Foundation
import Winnow

extension WinnowCommand {
    /// `winnow slurm PIPELINE --shards N`.
    struct Slurm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print (or submit) the Slurm jobs of a sharded run: plan, array job, merge job.",
            discussion: """
                Prints a bash script that makes the plan, submits an array job (sbatch --array=0-(N-1), \
                one winnow run --shard per task, logs in OUTPUT/_shards/logs/) and a merge job that \
                starts after it (--dependency=afterany, so it runs even when shards fail: it prints \
                winnow status, then merges, refusing if a shard did not finish). --submit runs it and \
                prints the job ids. --rerun submits only the shards not done, under the existing plan \
                (their finished documents are kept), and the merge. --sbatch-args is passed to both \
                sbatch calls (partition, time, memory...). Each task uses $SLURM_CPUS_PER_TASK workers \
                (1 unless --sbatch-args asks for more with --cpus-per-task).
                """
        )

        @Argument(help: "The pipeline file (YAML).", completion: .file(extensions: ["yml", "yaml"]))
        var pipeline: String

        @Option(help: "The number of shards (array tasks).")
        var shards: Int?

        @Option(help: "The input folder (replaces the pipeline file's input.folder).")
        var input: String?

        @Option(help: "The output folder (replaces the pipeline file's output.folder).")
        var output: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Arguments for both sbatch calls, separated by spaces (--sbatch-args '--partition=batch --time=2:00:00').", valueName: "args"))
        var sbatchArgs: String?

        @Option(help: "The job name (the merge job adds -merge).")
        var jobName = "winnow"

        @Flag(help: "Submit the jobs now (runs sbatch) and print their ids, instead of printing the script.")
        var submit = false

        @Flag(help: "Submit only the shards that are not done, under the existing plan, then the merge.")
        var rerun = false

        @Option(help: ArgumentHelp("The cluster's MaxArraySize (task ids stay below it); more shards go to further array jobs with --shard-offset.", valueName: "n"))
        var maxArraySize = 1001

        func validate() throws {
            if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
            if shards == nil && !rerun { throw ValidationError("give --shards N (or --rerun to re-submit the unfinished shards of the existing plan)") }
            if maxArraySize < 1 { throw ValidationError("--max-array-size must be at least 1") }
        }

        func run() throws {
            let configuration = try PipelineLoader(registry: Registry.current)
                .load(path: pipeline, overrides: .init(input: input, output: output))
            let folder = configuration.outputFolder
            let count: Int
            var tasks: [Int]
            if rerun {
                guard let plan = try ShardPlan.load(from: folder) else {
                    throw DocumentError("--rerun needs the plan of the earlier submission, and \(folder) has none", hint: "submit without --rerun (it makes the plan)")
                }
                if let shards, shards != plan.shards {
                    throw DocumentError("--shards \(shards) disagrees with the plan \(folder)/\(RunNames.planFile), which has \(plan.shards) shards", hint: "leave out --shards with --rerun")
                }
                count = plan.shards
                let survey = try ShardSurvey.read(folder: folder, count: count)
                if let running = survey.shards.first(where: { $0.state == .running }) {
                    throw DocumentError("shard \(RunNames.shardLabel(running.shard)) is still running (\(running.detail))", hint: "wait for the array job to end (squeue), then re-run")
                }
                tasks = survey.shards.filter { $0.state != .done }.map(\.shard)
                if tasks.isEmpty {
                    print("every shard of \(folder) is done; nothing to re-run (merge with: winnow merge \(folder))")
                    return
                }
            } else {
                count = shards ?? 1
                tasks = Array(0..<count)
            }
            let script = Self.script(
                winnow: Self.executablePath(), pipeline: Self.absolute(pipeline), input: input.map(Self.absolute),
                output: folder, count: count, tasks: tasks, plan: !rerun, sbatchArguments: sbatchArgs.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) } ?? [],
                jobName: jobName, directory: FileManager.default.currentDirectoryPath, maxArraySize: maxArraySize)
            guard submit else {
                print(script, terminator: "")
                return
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script, "winnow-slurm"]
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                throw DocumentError("submitting to Slurm failed (status \(process.terminationStatus))", hint: "check that sbatch works here (sinfo), and the --sbatch-args")
            }
        }

        /// The submission script: plan (unless re-running), array job(s), dependent merge job.
        ///
        /// Shards past `maxArraySize` go to further array jobs whose task ids start at 0 again,
        /// with `--shard-offset` (Slurm refuses task ids of `MaxArraySize` or more).
        static func script(
            winnow: String, pipeline: String, input: String?, output: String, count: Int, tasks: [Int], plan: Bool,
            sbatchArguments: [String], jobName: String, directory: String, maxArraySize: Int = 1001
        ) -> String {
            let q = shellQuoted
            let inputArgument = input.map { " --input " + q($0) } ?? ""
            let extra = sbatchArguments.map { " " + q($0) }.joined()
            let logs = output + "/" + RunNames.shardsFolder + "/logs"
            let chunks = Dictionary(grouping: tasks.sorted(), by: { $0 / max(1, maxArraySize) }).sorted { $0.key < $1.key }
            var lines = [
                "#!/usr/bin/env bash",
                "# winnow on Slurm: " + (plan ? "the plan, " : "") + "\(chunks.count == 1 ? "an array job" : "\(chunks.count) array jobs") of \(tasks.count) shard\(tasks.count == 1 ? "" : "s") (of \(count)), then a merge job after it.",
                "# Run it where sbatch works (a login node), from any folder:  bash THIS-FILE",
                "set -euo pipefail",
            ]
            if plan {
                lines.append(q(winnow) + " plan " + q(pipeline) + inputArgument + " --output " + q(output) + " --shards \(count)")
            }
            lines.append("mkdir -p " + q(logs))
            var arrays: [String] = []
            for (number, (chunk, shards)) in chunks.enumerated() {
                let offset = chunk * maxArraySize
                let ids = shards.map { $0 - offset }
                let array = ids == Array(0..<(ids.last ?? 0) + 1) && ids.count > 1 ? "0-\(ids.count - 1)" : ranges(ids)
                let variable = number == 0 ? "array" : "array\(number)"
                let shard = offset == 0
                    ? " --shard \"$SLURM_ARRAY_TASK_ID/\(count)\""
                    : " --shard env --shards \(count) --shard-offset \(offset)"
                lines += [
                    "\(variable)=$(sbatch --parsable" + extra + " <<'WINNOW_SBATCH'",
                    "#!/bin/sh",
                    "#SBATCH --job-name=\(jobName)",
                    "#SBATCH --array=\(array)",
                    "#SBATCH --output=\(logs)/shard-%a\(offset == 0 ? "" : "+\(offset)")-%A.log",
                    "#SBATCH --chdir=\(directory)",
                    "exec " + q(winnow) + " run " + q(pipeline) + inputArgument + " --output " + q(output)
                        + shard + " --jobs \"${SLURM_CPUS_PER_TASK:-1}\"",
                    "WINNOW_SBATCH",
                    ")",
                    "\(variable)=${\(variable)%%;*}",
                    "echo \"array job: $\(variable) (shards \(ranges(shards)) of \(count))\"",
                ]
                arrays.append("$" + variable)
            }
            lines += [
                "merge=$(sbatch --parsable --dependency=afterany:\"" + arrays.joined(separator: ":") + "\"" + extra + " <<'WINNOW_SBATCH'",
                "#!/bin/sh",
                "#SBATCH --job-name=\(jobName)-merge",
                "#SBATCH --output=\(logs)/merge-%j.log",
                "#SBATCH --chdir=\(directory)",
                q(winnow) + " status " + q(output),
                "exec " + q(winnow) + " merge " + q(output),
                "WINNOW_SBATCH",
                ")",
                "merge=${merge%%;*}",
                "echo \"merge job: $merge (after " + arrays.joined(separator: ", ") + ")\"",
            ]
            return lines.joined(separator: "\n") + "\n"
        }

        /// `0-3,5,7-8` for Slurm's `--array`.
        static func ranges(_ numbers: [Int]) -> String {
            var parts: [String] = []
            var index = 0
            let sorted = numbers.sorted()
            while index < sorted.count {
                var end = index
                while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
                parts.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
                index = end + 1
            }
            return parts.joined(separator: ",")
        }

        /// A word for the shell, quoted unless it is plainly safe.
        static func shellQuoted(_ word: String) -> String {
            let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
            if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
            return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }

        /// A path made absolute against the current folder.
        static func absolute(_ path: String) -> String {
            let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            return (full as NSString).standardizingPath
        }

        /// This executable's absolute path (what the jobs run).
        static func executablePath() -> String {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
            return absolute(CommandLine.arguments[0])
        }
    }
}
