import ArgumentParser
import Foundation
import Winnow

extension WinnowCommand {
    /// `winnow validate PIPELINE`.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a pipeline file without reading any page.",
            discussion: "Prints every mistake as file:line:col: error: message and exits 78, or prints 'ok' and exits 0."
        )

        @Argument(help: "The pipeline file (YAML).", completion: .file(extensions: ["yml", "yaml"]))
        var pipeline: String

        func run() throws {
            let configuration = try PipelineLoader(registry: Registry.current).load(path: pipeline)
            print("\(pipeline): ok (\(configuration.stages.count) stages: \(configuration.stages.map(\.name).joined(separator: ", ")))")
        }
    }
}
