import ArgumentParser
import Dispatch
import Foundation
import Logging
import Winnow

extension WinnowCommand {
    /// `winnow run [PIPELINE]`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline over a folder of pages.",
            discussion: """
                Without a pipeline file, runs the built-in default pipeline from --input to --output.

                Runs are incremental: inputs whose content, pipeline and winnow version match the output \
                folder's manifest are skipped (--force redoes them). One run per output folder at a time: \
                a second run exits with status 75 unless --wait is given. SIGINT and SIGTERM stop the run \
                after the documents in flight; finished work is kept and the next run completes the rest.

                Sharded runs (array jobs): --shard INDEX/COUNT processes one shard of the inputs, chosen \
                by a stable hash of each input's path, into the shared output folder; with a plan \
                (winnow plan) in the output folder, exactly the plan's inputs of the shard. --shard env, \
                or --shards N alone, takes the index from the engine's environment (SLURM_ARRAY_TASK_ID, \
                JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, BATCH_TASK_INDEX) plus --shard-offset. \
                Then winnow status and winnow merge.

                Exit codes: 0 success; 1 documents failed (more than --max-failures allows); 2 usage; \
                74 the output folder could not be written; 75 the output folder is locked by another run; \
                78 configuration error (pipeline file, plan or shard settings); 130 interrupted by SIGINT; \
                143 interrupted by SIGTERM.
                """
        )

        @Argument(help: "The pipeline file (YAML).", completion: .file(extensions: ["yml", "yaml"]))
        var pipeline: String?

        @Option(help: "The input folder (replaces the pipeline file's input.folder).")
        var input: String?

        @Option(help: "The output folder (replaces the pipeline file's output.folder).")
        var output: String?

        @Option(help: "Number of documents processed at once (default: the number of active cores).")
        var jobs: Int?

        @Flag(help: "Keep the text of every removal in the documents' traces.")
        var trace = false

        @Flag(help: "Write dropped documents to _dropped/ in the output folder for review.")
        var keepDropped = false

        @Flag(help: "Process every input again, even those the manifest records as done.")
        var force = false

        @Flag(help: "Remove the outputs of inputs that are gone from the input folder.")
        var prune = false

        @Option(name: .customLong("wait"), help: ArgumentHelp(
            "Wait for another run holding the output folder: --wait (as long as it takes) or --wait=SECONDS.",
            valueName: "seconds"))
        var wait: String?

        @Option(help: ArgumentHelp("Fail the run (status 1) only when more than N documents, or P% of them, fail; a count also stops the run early.", valueName: "N|P%"))
        var maxFailures: String?

        @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
        var logLevel: String = "notice"

        @Option(help: ArgumentHelp("Log format: text (for people and cron mail) or json (one object per line).", valueName: "format"))
        var logFormat: String = "text"

        @Flag(name: .shortAndLong, help: "Print only errors: no summary line, no progress bar.")
        var quiet = false

        @Option(help: ArgumentHelp("Write the run's figures in the Prometheus text format to this file (for node_exporter's textfile collector).", valueName: "path"))
        var metricsFile: String?

        @Option(help: ArgumentHelp(
            "Process one shard: INDEX/COUNT, INDEX (the count from --shards or the plan), or env (the index from the array job's environment).",
            valueName: "index/count"))
        var shard: String?

        @Option(help: ArgumentHelp("The number of shards; alone, the index comes from the environment (like --shard env).", valueName: "n"))
        var shards: Int?

        @Option(help: ArgumentHelp("Added to an index taken from the environment (for arrays split to fit a cluster's size limit).", valueName: "k"))
        var shardOffset: Int = 0

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if pipeline == nil && (input == nil || output == nil) {
                throw ValidationError("give a pipeline file, or both --input and --output to run the default pipeline")
            }
            _ = try waitSeconds()
            if let maxFailures, FailureLimit(maxFailures) == nil {
                throw ValidationError("--max-failures takes a count (10) or a percentage (2.5%), not '\(maxFailures)'")
            }
            if Logger.Level(rawValue: logLevel) == nil {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; not '\(logLevel)'")
            }
            if LogFormat(rawValue: logFormat) == nil {
                throw ValidationError("--log-format must be text or json, not '\(logFormat)'")
            }
            if let shard, ShardRequest(shard) == nil {
                throw ValidationError("--shard takes INDEX/COUNT (--shard 3/8), INDEX (--shard 3) or env, not '\(shard)'")
            }
            if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
            if shardOffset < 0 { throw ValidationError("--shard-offset cannot be negative") }
            if shardOffset != 0 && shard != nil && shard != "env" {
                throw ValidationError("--shard-offset applies to an index taken from the environment (--shard env or --shards N alone)")
            }
        }

        /// `--wait` as seconds: nil when absent, infinity for a bare `--wait`.
        func waitSeconds() throws -> Double? {
            guard let wait else { return nil }
            if wait == Self.waitForever { return .infinity }
            guard let seconds = Double(wait), seconds >= 0, seconds.isFinite else {
                throw ValidationError("--wait takes a number of seconds (--wait=30), not '\(wait)'")
            }
            return seconds
        }

        /// What a bare `--wait` becomes before parsing (see ``WinnowCommand/entry(registry:)``).
        static let waitForever = "forever"

        func run() throws {
            let format = LogFormat(rawValue: logFormat) ?? .text
            let level = quiet ? Logger.Level.error : (Logger.Level(rawValue: logLevel) ?? .notice)
            let logger = Logger(label: "winnow") { _ in ConsoleLogHandler(logLevel: level, format: format) }

            let overrides = PipelineLoader.Overrides(input: input, output: output, jobs: jobs, trace: trace ? true : nil, keepDropped: keepDropped ? true : nil)
            let loader = PipelineLoader(registry: Registry.current)
            let configuration: PipelineConfiguration
            if let pipeline {
                configuration = try loader.load(path: pipeline, overrides: overrides)
            } else {
                configuration = try loader.load(yaml: DefaultPipeline.yaml, file: "<default pipeline>", baseFolder: FileManager.default.currentDirectoryPath, overrides: overrides)
            }

            let control = RunControl()
            let signals = SignalWatch(control: control, logger: logger)
            var options = RunOptions()
            options.force = force
            options.prune = prune
            options.lockWait = try waitSeconds()
            options.maxFailures = maxFailures.flatMap(FailureLimit.init)
            options.control = control
            options.logger = logger
            options.shard = try ShardRequest.resolve(
                shard: shard, shards: shards, offset: shardOffset, folder: configuration.outputFolder,
                environment: ProcessInfo.processInfo.environment) { logger.notice("\($0)") }
            if let selection = options.shard {
                let source = selection.plan == nil ? "no plan: listing the input folder" : "following the plan"
                logger.info("shard \(selection.index) of \(selection.count) (\(source))")
            }
            let showProgress = Console.shared.isTerminal && !quiet && format == .text
            let bar = ProgressBarBox()
            if showProgress {
                options.listed = { total in bar.set(ProgressBar(total: total)) }
            }

            let report: RunReport
            do {
                report = try Pipeline(configuration).run(options: options) { _ in bar.advance() }
            } catch let busy as RunLock.Busy {
                logger.error("\(busy.description)")
                throw ExitCode(ExitStatus.locked)
            }
            withExtendedLifetime(signals) {}
            Console.shared.clearProgress()
            for problem in report.problems {
                logger.warning("\(problem)")
            }
            let status = exitStatus(report)
            if let reason = report.stoppedEarly {
                logger.warning("the run stopped early: \(reason); \(report.notReached) documents not reached (the next run does them)")
            }
            logger.notice("\(report.summary.dropFirst("winnow: ".count))", metadata: format == .json ? Self.metadata(report) : nil)
            if let metricsFile {
                do {
                    try RunMetrics.write(report: report, exitStatus: status, to: metricsFile)
                } catch {
                    logger.error("\(error)")
                }
            }
            if status != 0 { throw ExitCode(status) }
        }

        /// The exit status of a finished run.
        func exitStatus(_ report: RunReport) -> Int32 {
            if let signal = report.interruptedBy { return 128 + signal }
            if report.outputProblem != nil { return ExitStatus.outputFailed }
            if let limit = FailureLimit(maxFailures ?? "") {
                return limit.exceeded(failed: report.failedCount, processed: report.read + report.unchanged) ? ExitStatus.someFailed : 0
            }
            return report.failedCount > 0 ? ExitStatus.someFailed : 0
        }

        /// The summary's figures as log metadata (JSON format).
        static func metadata(_ report: RunReport) -> Logger.Metadata {
            [
                "read": "\(report.read)", "written": "\(report.written)", "dropped": "\(report.droppedCount)",
                "failed": "\(report.failedCount)", "unchanged": "\(report.unchanged)", "seconds": "\(report.seconds)",
                "not_reached": "\(report.notReached)", "pruned": "\(report.pruned)",
            ]
        }
    }
}

/// Holds the progress bar once the inputs are listed.
final class ProgressBarBox: @unchecked Sendable {
    private let lock = NSLock()
    private var bar: ProgressBar?

    func set(_ bar: ProgressBar) { lock.withLock { self.bar = bar } }
    func advance() { lock.withLock { bar }?.advance() }
}

/// Turns SIGINT and SIGTERM into a stop request; a second signal ends the process at once
/// (finished documents are safe: the next run picks up from the journal).
final class SignalWatch: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(control: RunControl, logger: Logger) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if control.stopSignal != nil {
                    Console.shared.clearProgress()
                    _exit(128 + number)
                }
                control.stop(signal: number)
                logger.warning("\(number == SIGINT ? "SIGINT" : "SIGTERM"): finishing the documents in flight, then stopping (send it again to stop at once)")
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
