import Dispatch
import Foundation
import Synchronization

/// Runs a configured pipeline over an input folder with a pool of workers.
///
/// The walker lists the input files in a deterministic order; `jobs` workers (Dispatch's
/// `concurrentPerform`) each take the next file, run it through their own instances of the
/// stages, and let it go before taking another, so only `jobs` documents are in memory at once
/// whatever the corpus size. Each document's outputs depend only on that document, so the output
/// folder is identical whatever the job count. A document whose stage throws is recorded as
/// failed; the others go on.
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

    /// Runs the pipeline; `observe` sees each document's outcome as it ends (from any worker).
    public func run(observe: @escaping @Sendable (DocumentOutcome) -> Void = { _ in }) throws(DocumentError) -> RunReport {
        let start = DispatchTime.now()
        let started = Date()
        let listing = try InputWalker(configuration.input, skipFolder: configuration.outputFolder).files()
        let files = listing.files
        let jobs = min(self.jobs, max(1, files.count))
        let next = Atomic<Int>(0)
        let outcomes = Mutex<[DocumentOutcome?]>(Array(repeating: nil, count: files.count))
        let setup = Mutex<[String]>([])
        let configuration = self.configuration
        try? FileManager.default.createDirectory(atPath: configuration.outputFolder, withIntermediateDirectories: true)

        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            let context = StageContext(
                inputFolder: configuration.input.folder, outputFolder: configuration.outputFolder,
                baseFolder: configuration.baseFolder, worker: worker, jobs: jobs, keepTrace: configuration.keepTrace)
            var stages: [(name: String, stage: any Stage)] = []
            for factory in configuration.stages {
                do {
                    stages.append((factory.name, try factory.make(context)))
                } catch {
                    setup.withLock { $0.append("stage '\(factory.name)' could not start: \(error)") }
                    return
                }
            }
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < files.count else { break }
                let outcome = Self.process(
                    files[index], stages: &stages, keepTrace: configuration.keepTrace,
                    keepDropped: configuration.keepDropped, outputFolder: configuration.outputFolder)
                outcomes.withLock { $0[index] = outcome }
                observe(outcome)
            }
            for index in stages.indices {
                do {
                    try stages[index].stage.finish()
                } catch {
                    setup.withLock { $0.append("stage '\(stages[index].name)' could not finish: \(error)") }
                }
            }
        }

        var report = RunReport()
        report.jobs = jobs
        report.problems = listing.problems + setup.withLock { $0 }
        let finished = outcomes.withLock { $0 }.compactMap { $0 }
        for outcome in finished { report.add(outcome) }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        report.started = started
        do {
            try RunFiles(configuration: configuration).write(outcomes: finished, report: report)
        } catch {
            report.problems.append("\(error)")
        }
        return report
    }

    /// Runs one file through the stages.
    static func process(_ file: InputFile, stages: inout [(name: String, stage: any Stage)], keepTrace: Bool, keepDropped: Bool, outputFolder: String) -> DocumentOutcome {
        let start = DispatchTime.now()
        var document = Document(id: file.id, source: .init(path: file.path, size: file.size, modified: file.modified), keepTrace: keepTrace)
        var status = DocumentOutcome.Status.written
        loop: for index in stages.indices {
            do {
                if case .drop(let reason) = try stages[index].stage.process(&document) {
                    status = .dropped(stage: stages[index].name, reason: reason)
                    break loop
                }
            } catch {
                status = .failed(stage: stages[index].name, message: "\(error)")
                break loop
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
        return DocumentOutcome(
            id: file.id, path: file.path, size: file.size, sha256: document.source.sha256, status: status, outputs: document.outputs,
            removals: document.trace.counts, fixes: document.fixes, seconds: seconds)
    }
}
