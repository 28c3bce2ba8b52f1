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
        let listing = try InputWalker(configuration.input).files()
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
                let outcome = Self.process(files[index], stages: &stages, keepTrace: configuration.keepTrace)
                outcomes.withLock { $0[index] = outcome }
                observe(outcome)
            }
        }

        var report = RunReport()
        report.jobs = jobs
        report.problems = listing.problems + setup.withLock { $0 }
        for outcome in outcomes.withLock({ $0 }) {
            if let outcome { report.add(outcome) }
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return report
    }

    /// Runs one file through the stages.
    static func process(_ file: InputFile, stages: inout [(name: String, stage: any Stage)], keepTrace: Bool) -> DocumentOutcome {
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
        return DocumentOutcome(
            id: file.id, path: file.path, size: file.size, status: status, outputs: document.outputs,
            removals: document.trace.counts, fixes: document.fixes, seconds: seconds)
    }
}
