import Dispatch
import Foundation
import Logging
import Synchronization
import WinnowHTML

/// Runs a configured pipeline over an input folder with a pool of workers.
///
/// The walker lists the input files in a deterministic order; `jobs` workers (Dispatch's
/// `concurrentPerform`) each take the next file, run it through their own instances of the
/// stages, and let it go before taking another, so only `jobs` documents are in memory at once
/// whatever the corpus size. Each document's outputs depend only on that document, so the output
/// folder is identical whatever the job count. A document whose stage throws is recorded as
/// failed; the others go on.
///
/// Runs are incremental: an input whose bytes, pipeline hash and winnow version match a finished
/// entry of the output folder's manifest (and whose outputs are all there) is not processed again.
/// Every finished document is appended to `_journal.jsonl` at once, so after a crash or `kill -9`
/// the next run keeps what was done and redoes the rest; the output folder then ends up as an
/// uninterrupted run would have left it.
public struct Pipeline: Sendable {
    /// The configuration to run.
    public var configuration: PipelineConfiguration

    /// Creates a runner for a loaded configuration.
    public init(_ configuration: PipelineConfiguration) {
        self.configuration = configuration
    }

    /// The worker count: the configured one, or the number of active cores.
    public var jobs: Int {
        max(1, configuration.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Runs the pipeline with default ``RunOptions``.
    public func run(observe: @escaping @Sendable (DocumentOutcome) -> Void = { _ in }) throws(DocumentError) -> RunReport {
        do {
            return try run(options: RunOptions(), observe: observe)
        } catch let error as DocumentError {
            throw error
        } catch {
            throw DocumentError("\(error)")
        }
    }

    /// Runs the pipeline; `observe` sees each document's outcome as it ends (from any worker).
    ///
    /// Throws ``RunLock/Busy`` when another run holds the output folder, and ``DocumentError``
    /// when the input folder cannot be listed or the output folder cannot be written.
    ///
    /// With ``RunOptions/shard``, the run processes one shard of the inputs (those of its plan,
    /// or of the input folder, that ``ShardPartition`` assigns to it) and keeps its own manifest,
    /// journal, lock and report under `_shards/NNNN/` (``RunNames``), ending with the completion
    /// marker `_done.json` written last; shards on several machines can share one output folder.
    public func run(options: RunOptions, observe: @escaping @Sendable (DocumentOutcome) -> Void = { _ in }) throws -> RunReport {
        let configuration = self.configuration
        let folder = configuration.outputFolder
        let logger = options.logger
        let names = RunNames(shard: options.shard?.index)
        let stateFolder = names.stateFolder.isEmpty ? folder : folder + "/" + names.stateFolder
        // A shard waits a little for its lock, so that `winnow status` probing it never fails it.
        let lockWait = options.lockWait ?? (options.shard == nil ? nil : 30)
        let lock = options.lock ? try RunLock(folder: stateFolder, wait: lockWait) : nil
        let start = DispatchTime.now()
        let started = Date()
        defer { withExtendedLifetime(lock) {} }
        let listing = try Self.inputs(of: configuration, shard: options.shard)
        let files = listing.files
        do {
            try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        } catch {
            throw DocumentError("cannot create the output folder \(stateFolder): \(PipelineLoader.reason(error))", hint: "check the path and its permissions")
        }
        if options.shard != nil {
            // The marker describes a finished run; this one has not finished yet.
            try? FileManager.default.removeItem(atPath: folder + "/" + names.marker)
        }

        var state = ManifestState.load(folder: folder, names: names)
        if state.unclean {
            logger.notice("the last run in this folder did not finish; keeping its finished documents", metadata: ["folder": "\(stateFolder)"])
            Self.removeTemporaryFiles(in: folder, names: names)
        }
        // A jsonl part that a full disk kept from being published is missing: the documents that
        // list it are done again (their hash is forgotten, in the journal at once), even if a part
        // of this run takes its name.
        var forgotten: [ManifestEntry] = []
        for (id, entry) in state.entries where entry.sha256 != nil && entry.outputs.contains(where: {
            JSONLinesPartWriter.isPartName($0) && !FileManager.default.fileExists(atPath: folder + "/" + $0)
        }) {
            state.entries[id]?.sha256 = nil
            forgotten.append(state.entries[id]!)
        }
        let referenced = Set(state.entries.values.flatMap(\.outputs))
        for output in state.staleOutputs where !referenced.contains(output) {
            try? FileManager.default.removeItem(atPath: folder + "/" + output)
        }
        Self.removeOrphanParts(in: folder, referenced: referenced, names: names)
        let previous = state.entries
        let journal = try Journal(folder: folder, names: names)
        var startProblem: String?
        for entry in forgotten.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) where startProblem == nil {
            do {
                try journal.append(entry)
            } catch {
                startProblem = "\(error)"  // the output folder is still full: stop before any document
            }
        }
        logger.info("running \(configuration.file) over \(files.count) inputs of \(configuration.input.folder)", metadata: [
            "inputs": "\(files.count)", "recorded": "\(previous.count)", "output": "\(folder)", "pipeline": "\(configuration.hash)",
        ])
        options.listed?(files.count)

        let jobs = min(self.jobs, max(1, files.count))
        let failedCount = Atomic<Int>(0)
        let processedCount = Atomic<Int>(0)
        let limitHit = Atomic<Bool>(false)
        let outcomes = Locked<[DocumentOutcome?]>(Array(repeating: nil, count: files.count))
        let staleLines = Locked<[String: Set<String>]>(state.staleLines)
        let setup = Locked<[String]>([])
        let journalProblem = Locked<String?>(startProblem)

        // Runs the files at `order` (indices into `files`) on `jobs` workers; `mustProcess` are
        // done even when the manifest records them as unchanged.
        func work(_ order: [Int], mustProcess: Set<Int> = []) {
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, order.count))) { worker in
            var context = StageContext(
                inputFolder: configuration.input.folder, outputFolder: folder,
                baseFolder: configuration.baseFolder, worker: worker, jobs: jobs, keepTrace: configuration.keepTrace,
                shard: options.shard?.index)
            context.xpathQueries = configuration.xpathQueries
            var stages: [(name: String, stage: any Stage)] = []
            for factory in configuration.stages {
                do {
                    stages.append((factory.name, try factory.make(context)))
                } catch {
                    setup.withLock { $0.append("stage '\(factory.name)' could not start: \(error)") }
                    return
                }
            }
            while options.control?.stopSignal == nil, !limitHit.load(ordering: .relaxed), journalProblem.withLock({ $0 == nil }) {
                let position = next.add(1, ordering: .relaxed).oldValue
                guard position < order.count else { break }
                let index = order[position]
                let file = files[index]
                let old = previous[file.id]
                let began = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                if !options.force, !mustProcess.contains(index), let old, Self.isUnchanged(file, entry: old, pipeline: configuration.hash, folder: folder) {
                    var outcome = DocumentOutcome(
                        id: file.id, path: file.path, size: file.size, sha256: old.sha256, status: .unchanged,
                        outputs: old.outputs, removals: [:], fixes: [:], seconds: 0)
                    outcome.start = began
                    outcome.dedup = old.dedup
                    outcomes.withLock { $0[index] = outcome }
                    observe(outcome)
                    continue
                }
                var outcome = Self.process(
                    file, stages: &stages, keepTrace: configuration.keepTrace,
                    keepDropped: configuration.keepDropped, outputFolder: folder, maxSeconds: configuration.maxSeconds)
                outcome.start = began
                if let failure = outcome.outputFailure {
                    // The output folder is full (or read-only): stop the run; this document is not
                    // recorded, and the files it did write go, so the next run does it whole.
                    for output in outcome.outputs where !JSONLinesPartWriter.isPartName(output) {
                        try? FileManager.default.removeItem(atPath: folder + "/" + output)
                    }
                    journalProblem.withLock { if $0 == nil { $0 = failure } }
                    logger.error("\(file.path): the output folder cannot be written: \(failure)")
                    break
                }
                if let old {
                    let kept = Set(outcome.outputs)
                    for output in old.outputs where !kept.contains(output) {
                        if JSONLinesPartWriter.isPartName(output) {
                            _ = staleLines.withLock { $0[output, default: []].insert(old.id) }
                        } else {
                            try? FileManager.default.removeItem(atPath: folder + "/" + output)
                        }
                    }
                }
                do {
                    try journal.append(ManifestEntry(outcome, pipeline: configuration.hash))
                } catch {
                    journalProblem.withLock { if $0 == nil { $0 = "\(error)" } }
                }
                outcomes.withLock { $0[index] = outcome }
                let processed = processedCount.add(1, ordering: .relaxed).newValue
                if case .failed(let stage, let message) = outcome.status {
                    let failed = failedCount.add(1, ordering: .relaxed).newValue
                    logger.error("\(file.path): failed in stage '\(stage)': \(message)")
                    if case .count = options.maxFailures, options.maxFailures?.exceeded(failed: failed, processed: processed) == true {
                        limitHit.store(true, ordering: .relaxed)
                    }
                } else if case .dropped(let stage, let reason) = outcome.status {
                    logger.debug("\(file.id): dropped by '\(stage)': \(reason)")
                } else {
                    logger.trace("\(file.id): written", metadata: ["seconds": "\(outcome.seconds)"])
                }
                observe(outcome)
            }
            for index in stages.indices {
                do {
                    try stages[index].stage.finish()
                } catch {
                    if let failure = error as? DocumentError, failure.isOutputFailure {
                        journalProblem.withLock { if $0 == nil { $0 = "\(failure)" } }
                    }
                    setup.withLock { $0.append("stage '\(stages[index].name)' could not finish: \(error)") }
                }
            }
        }
        }
        work(Array(files.indices))

        // Deduplication is decided over the whole run, once every document is done (not after an
        // interruption or a stop: the next run decides then).
        if options.control?.stopSignal == nil, !limitHit.load(ordering: .relaxed), journalProblem.withLock({ $0 == nil }) {
            let again = Self.retractDuplicates(
                outcomes: outcomes, previous: previous, pipeline: configuration.hash, folder: folder, journal: journal,
                staleLines: staleLines, problem: journalProblem, logger: logger)
            if !again.isEmpty {
                logger.info("processing \(again.count) documents again: the documents they duplicated are gone or changed")
                work(again, mustProcess: Set(again))
            }
        }

        var report = RunReport()
        report.jobs = jobs
        report.problems = listing.problems + setup.withLock { $0 }
        if let problem = journalProblem.withLock({ $0 }) {
            report.outputProblem = problem
            report.stoppedEarly = "the output folder could not record finished documents: \(problem)"
        }
        let finished = outcomes.withLock { $0 }
        for outcome in finished.compactMap({ $0 }) {
            report.add(outcome)
            if outcome.status != .unchanged {
                state.entries[outcome.id] = ManifestEntry(outcome, pipeline: configuration.hash)
            }
        }
        report.notReached = finished.count - finished.compactMap({ $0 }).count
        if let signal = options.control?.stopSignal {
            report.interruptedBy = signal
            report.stoppedEarly = "interrupted by signal \(signal)"
        }
        if limitHit.load(ordering: .relaxed), let limit = options.maxFailures {
            report.stoppedEarly = "more than \(limit) documents failed"
        }

        // Inputs that are gone: their outputs go with --prune; otherwise they stay, and are counted.
        let present = Set(files.map(\.id))
        var gone = state.entries.keys.filter { !present.contains($0) }
        gone.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var lines = staleLines.withLock { $0 }
        // A part this run published under the name of an earlier one that never appeared (a full
        // disk) holds this run's lines: they are not stale.
        for outcome in finished.compactMap({ $0 }) where outcome.status != .unchanged {
            for output in outcome.outputs where lines[output] != nil { lines[output]?.remove(outcome.id) }
        }
        if options.prune {
            for id in gone {
                guard let entry = state.entries.removeValue(forKey: id) else { continue }
                for output in entry.outputs {
                    if JSONLinesPartWriter.isPartName(output) {
                        lines[output, default: []].insert(id)
                    } else {
                        try? FileManager.default.removeItem(atPath: folder + "/" + output)
                    }
                }
                logger.debug("\(id): pruned, its input is gone")
            }
            report.pruned = gone.count
        } else {
            report.gone = gone.count
        }
        for (part, ids) in lines.sorted(by: { $0.key < $1.key }) {
            do {
                try JSONLinesPartWriter.removeLines(of: ids, fromPart: part, in: folder)
            } catch {
                report.problems.append("\(error)")
            }
        }

        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        report.started = started
        do {
            try RunFiles(configuration: configuration, names: names).write(entries: state.entries, outcomes: finished.compactMap { $0 }, report: report)
            if journalProblem.withLock({ $0 }) == nil {
                try? FileManager.default.removeItem(atPath: folder + "/" + names.journal)
            }
            if let shard = options.shard {
                try ShardMarker(shard: shard, pipeline: configuration.hash, entries: state.entries, report: report).write(to: folder)
            }
        } catch {
            report.problems.append("\(error)")
        }
        return report
    }

    /// Applies the `dedup` stage's decision (``DedupResolver``) to a finished run: documents that
    /// are copies of a kept one lose their outputs and become dropped (recorded in the journal
    /// before their files go, so a crash in between leaves nothing the next run cannot tidy), and
    /// returns the indices of documents dropped as copies by an earlier run that are copies no
    /// more (their original is gone or changed): they must be processed again.
    static func retractDuplicates(
        outcomes: Locked<[DocumentOutcome?]>, previous: [String: ManifestEntry], pipeline: String, folder: String, journal: Journal,
        staleLines: Locked<[String: Set<String>]>, problem: Locked<String?>, logger: Logger
    ) -> [Int] {
        let finished = outcomes.withLock { $0 }
        // The documents that take part: written now, or unchanged and either written or dropped
        // as a copy by an earlier run.
        var candidates: [(id: String, key: DedupKey)] = []
        for outcome in finished.compactMap({ $0 }) {
            guard let key = outcome.dedup else { continue }
            switch outcome.status {
            case .written:
                candidates.append((outcome.id, key))
            case .unchanged:
                if let old = previous[outcome.id], old.status == "written" || old.duplicateOf != nil { candidates.append((outcome.id, key)) }
            default:
                break
            }
        }
        guard !candidates.isEmpty else { return [] }
        let verdicts = DedupResolver.copies(candidates)
        var again: [Int] = []
        for (index, outcome) in finished.enumerated() {
            guard var outcome, outcome.dedup != nil else { continue }
            let old = previous[outcome.id]
            let unchanged = outcome.status == .unchanged
            let isWritten = outcome.status == .written || (unchanged && old?.status == "written")
            guard let verdict = verdicts[outcome.id] else {
                if unchanged, old?.duplicateOf != nil { again.append(index) }
                continue
            }
            if unchanged, let old, old.duplicateOf == verdict.of, old.reason == verdict.reason { continue }
            guard isWritten || (unchanged && old?.duplicateOf != nil) else { continue }
            let outputs = outcome.outputs
            outcome.status = .dropped(stage: DedupStage.name, reason: verdict.reason)
            outcome.outputs = []
            outcome.duplicateOf = verdict.of
            do {
                try journal.append(ManifestEntry(outcome, pipeline: pipeline))
            } catch {
                problem.withLock { if $0 == nil { $0 = "\(error)" } }
                return []
            }
            for output in outputs {
                if JSONLinesPartWriter.isPartName(output) {
                    _ = staleLines.withLock { $0[output, default: []].insert(outcome.id) }
                } else {
                    try? FileManager.default.removeItem(atPath: folder + "/" + output)
                }
            }
            logger.debug("\(outcome.id): dropped by 'dedup': \(verdict.reason) of \(verdict.of)", metadata: ["distance": "\(verdict.distance)"])
            outcomes.withLock { $0[index] = outcome }
        }
        return again
    }

    /// The inputs a run processes: the input folder's, or a shard's (from its plan when it has
    /// one, else from the input folder).
    static func inputs(of configuration: PipelineConfiguration, shard: ShardSelection?) throws(DocumentError) -> (files: [InputFile], problems: [String]) {
        guard let shard else {
            return try InputWalker(configuration.input, skipFolder: configuration.outputFolder).files()
        }
        guard shard.count >= 1, shard.index >= 0, shard.index < shard.count else {
            throw DocumentError("shard \(shard.index) does not exist among \(shard.count) shards", hint: "shards are numbered 0 to \(max(0, shard.count - 1))")
        }
        guard let plan = shard.plan else {
            let listing = try InputWalker(configuration.input, skipFolder: configuration.outputFolder).files()
            return (listing.files.filter { shard.contains($0.id) }, listing.problems)
        }
        let planPath = configuration.outputFolder + "/" + RunNames.planFile
        guard plan.pipeline == configuration.hash else {
            throw DocumentError(
                "the pipeline \(configuration.file) is not the one the plan \(planPath) was made for (its stages or options changed: hash \(configuration.hash.prefix(12)), plan \(plan.pipeline.prefix(12)))",
                hint: "make the plan again with 'winnow plan \(configuration.file) --shards \(plan.shards)', then run every shard")
        }
        guard plan.shards == shard.count else {
            throw DocumentError("the plan \(planPath) has \(plan.shards) shards, not \(shard.count)", hint: "use --shard INDEX/\(plan.shards), or make the plan again with --shards \(shard.count)")
        }
        let planned = (plan.inputFolder as NSString).standardizingPath
        guard planned == (configuration.input.folder as NSString).standardizingPath else {
            throw DocumentError(
                "the plan \(planPath) lists the inputs of \(plan.inputFolder), but this run reads \(configuration.input.folder)",
                hint: "run with the plan's input folder, or make the plan again")
        }
        return (plan.files(ofShard: shard.index), [])
    }

    /// Whether `file` is still what `entry` records as done by this pipeline and version.
    static func isUnchanged(_ file: InputFile, entry: ManifestEntry, pipeline: String, folder: String) -> Bool {
        guard entry.isComplete, entry.pipeline == pipeline, entry.winnow == WinnowVersion.current,
              entry.size == file.size, let recorded = entry.sha256 else { return false }
        let manager = FileManager.default
        for output in entry.outputs where !manager.fileExists(atPath: folder + "/" + output) { return false }
        guard let data = manager.contents(atPath: file.path) else { return false }
        return Digest.sha256(data) == recorded
    }

    /// Removes temporary files (`.name….tmp`) an interrupted run left in the output folder.
    ///
    /// A shard, which shares the folder with shards running elsewhere, removes only those of its
    /// own files (its state folder and its jsonl parts); `winnow merge` removes the rest once no
    /// shard is running.
    static func removeTemporaryFiles(in folder: String, names: RunNames = RunNames()) {
        let manager = FileManager.default
        guard let shard = names.shard else {
            guard let walker = manager.enumerator(atPath: folder) else { return }
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix("."), name.hasSuffix(".tmp") {
                    try? manager.removeItem(atPath: folder + "/" + relative)
                }
            }
            return
        }
        let partStart = "." + RunNames(shard: shard).partPrefix(worker: 0).dropLast(2)
        for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(partStart) && name.hasSuffix(".tmp") {
            try? manager.removeItem(atPath: folder + "/" + name)
        }
        let state = folder + "/" + names.stateFolder
        for name in (try? manager.contentsOfDirectory(atPath: state)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? manager.removeItem(atPath: state + "/" + name)
        }
    }

    /// Removes JSON Lines parts of the run's series (``RunNames/ownsPart(_:)``) that no manifest
    /// entry refers to (left by a run without a manifest).
    static func removeOrphanParts(in folder: String, referenced: Set<String>, names: RunNames = RunNames()) {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in files where names.ownsPart(name) && !referenced.contains(name) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Runs one file through the stages, within `maxSeconds` (``ProcessingDeadline``): past the
    /// deadline, the document fails before its next stage (or after its last), whatever the stage
    /// before produced.
    static func process(
        _ file: InputFile, stages: inout [(name: String, stage: any Stage)], keepTrace: Bool, keepDropped: Bool, outputFolder: String,
        maxSeconds: Double? = nil
    ) -> DocumentOutcome {
        let start = DispatchTime.now()
        var document = Document(id: file.id, source: .init(path: file.path, size: file.size, modified: file.modified), keepTrace: keepTrace)
        var status = DocumentOutcome.Status.written
        var outputFailure: String?
        ProcessingDeadline.run(seconds: maxSeconds) {
            for index in stages.indices {
                do {
                    // Before each stage (so a stage cut short never hands on partial results, and
                    // nothing is written past the limit) and after the last one; the failure is
                    // the stage's that used up the time.
                    do {
                        try ProcessingDeadline.check()
                    } catch {
                        status = .failed(stage: stages[max(0, index - 1)].name, message: "\(error)")
                        return
                    }
                    let disposition = try stages[index].stage.process(&document)
                    if index == stages.count - 1 { try ProcessingDeadline.check() }
                    if case .drop(let reason) = disposition {
                        status = .dropped(stage: stages[index].name, reason: reason)
                        return
                    }
                } catch {
                    status = .failed(stage: stages[index].name, message: "\(error)")
                    if let failure = error as? DocumentError, failure.isOutputFailure { outputFailure = "\(failure)" }
                    return
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        if keepDropped, case .dropped(_, let reason) = status {
            let relative = "_dropped/" + OutputPath.stem(of: file.id) + ".txt"
            let text = "# dropped: \(reason)\n\n" + document.text + "\n"
            if (try? OutputPath.writeAtomically(Data(text.utf8), to: relative, in: outputFolder)) != nil {
                document.outputs.append(relative)
            }
        }
        if document.source.sha256 == nil, !status.isFailure, let data = FileManager.default.contents(atPath: file.path) {
            document.source.sha256 = Digest.sha256(data)
        }
        var outcome = DocumentOutcome(
            id: file.id, path: file.path, size: file.size, sha256: document.source.sha256, status: status, outputs: document.outputs,
            removals: document.trace.counts, fixes: document.fixes, seconds: seconds)
        outcome.outputFailure = outputFailure
        outcome.dedup = document.dedupKey
        return outcome
    }
}
