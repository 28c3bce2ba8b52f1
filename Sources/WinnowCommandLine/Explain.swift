import ArgumentParser
import Foundation
import Winnow

extension WinnowCommand {
    /// `winnow explain PAGE -o explain.html`.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an HTML page showing why each block of one page was kept or removed.",
            discussion: """
                Runs the page through the pipeline's stages (all but 'write'; without --pipeline: read, \
                rules, strip, normalize as in Pipelines/default.yml) and writes one self-contained HTML \
                file: every block in reading order, removed ones shaded with their reason and the rule or \
                score that removed them, and the metadata with the source of every field.
                """
        )

        @Argument(help: "The page to explain (HTML or text, .gz too).", completion: .file())
        var page: String

        @Option(help: "A pipeline file whose stages to run (its 'write' stage is skipped).", completion: .file(extensions: ["yml", "yaml"]))
        var pipeline: String?

        @Option(name: [.short, .customLong("output")], help: "The HTML file to write.", completion: .file(extensions: ["html"]))
        var output: String = "explain.html"

        func run() throws {
            let cwd = FileManager.default.currentDirectoryPath
            let path = PathResolver.resolve(page, against: cwd)
            let folder = (path as NSString).deletingLastPathComponent
            let overrides = PipelineLoader.Overrides(input: folder, output: NSTemporaryDirectory() + "winnow-explain-unused", trace: true)
            let loader = PipelineLoader(registry: Registry.current)
            let configuration: PipelineConfiguration
            if let pipeline {
                configuration = try loader.load(path: pipeline, overrides: overrides)
            } else {
                configuration = try loader.load(yaml: Extraction.defaultExplainPipeline(registry: Registry.current), file: "<explain pipeline>", baseFolder: cwd, overrides: overrides)
            }
            let explained = try Extraction.explain(path: path, configuration: configuration)
            let target = PathResolver.resolve(output, against: cwd)
            do {
                try Data(explained.page.render().utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
            } catch {
                FileHandle.standardError.write(Data("winnow: cannot write \(target): \(error.localizedDescription)\n".utf8))
                throw ExitCode(ExitStatus.someFailed)
            }
            switch explained.outcome {
            case .kept:
                let removed = explained.document.trace.total
                FileHandle.standardError.write(Data("winnow: \(target): \(explained.document.blocks.count) blocks kept, \(removed) removed\n".utf8))
            case .dropped(let stage, let reason):
                FileHandle.standardError.write(Data("winnow: \(target): the page was dropped by stage '\(stage)': \(reason)\n".utf8))
            case .failed(let stage, let message):
                FileHandle.standardError.write(Data("winnow: \(path): failed in stage '\(stage)': \(message)\n".utf8))
                throw ExitCode(ExitStatus.someFailed)
            }
        }
    }
}
