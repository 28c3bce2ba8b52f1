import ArgumentParser
import Foundation
import Winnow

extension WinnowCommand {
    /// `winnow run [PIPELINE]`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline over a folder of pages.",
            discussion: "Without a pipeline file, runs the built-in default pipeline (read, then write) from --input to --output."
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

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if pipeline == nil && (input == nil || output == nil) {
                throw ValidationError("give a pipeline file, or both --input and --output to run the default pipeline")
            }
        }

        func run() throws {
            let overrides = PipelineLoader.Overrides(input: input, output: output, jobs: jobs, trace: trace ? true : nil, keepDropped: keepDropped ? true : nil)
            let loader = PipelineLoader(registry: Registry.current)
            let configuration: PipelineConfiguration
            if let pipeline {
                configuration = try loader.load(path: pipeline, overrides: overrides)
            } else {
                configuration = try loader.load(yaml: DefaultPipeline.yaml, file: "<default pipeline>", baseFolder: FileManager.default.currentDirectoryPath, overrides: overrides)
            }
            let report = try Pipeline(configuration).run { outcome in
                if case .failed(let stage, let message) = outcome.status {
                    FileHandle.standardError.write(Data("winnow: \(outcome.path): failed in stage '\(stage)': \(message)\n".utf8))
                }
            }
            for problem in report.problems {
                FileHandle.standardError.write(Data("winnow: warning: \(problem)\n".utf8))
            }
            FileHandle.standardError.write(Data((report.summary + "\n").utf8))
            if report.failedCount > 0 { throw ExitCode(ExitStatus.someFailed) }
        }
    }
}
