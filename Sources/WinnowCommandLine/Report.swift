import ArgumentParser
import Foundation
import Winnow

extension WinnowCommand {
    /// `winnow report OUTPUT -o report.html`.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an HTML report of a run from its output folder.",
            discussion: """
                Reads _run.json, _manifest.jsonl, _errors.jsonl and _timings.jsonl of the output folder and \
                writes one self-contained HTML file: documents by status and drop reason, removals by reason, \
                throughput over time, the slowest documents and every failure. When the run kept traces \
                (--trace, with json or jsonl output), it also writes an explain page per written document \
                into <report name>-explain/ next to the report and links them.
                """
        )

        @Argument(help: "The output folder of a run.", completion: .directory)
        var folder: String

        @Option(name: [.short, .customLong("output")], help: "The HTML file to write.", completion: .file(extensions: ["html"]))
        var output: String = "report.html"

        @Option(help: "Write at most this many explain pages.")
        var explainLimit: Int = 1_000

        func validate() throws {
            if explainLimit < 0 { throw ValidationError("--explain-limit must be 0 or more") }
        }

        func run() throws {
            let cwd = FileManager.default.currentDirectoryPath
            let page: RunReportPage
            do {
                page = try RunReportPage(outputFolder: PathResolver.resolve(folder, against: cwd))
            } catch {
                FileHandle.standardError.write(Data("winnow: error: \(error)\n".utf8))
                throw ExitCode(ExitStatus.usage)
            }
            do {
                let written = try page.write(to: PathResolver.resolve(output, against: cwd), explainLimit: explainLimit)
                var line = "winnow: wrote \(written.report)"
                if let folder = written.explainFolder { line += " and \(written.explainPages) explain pages in \(folder)" }
                FileHandle.standardError.write(Data((line + "\n").utf8))
            } catch {
                FileHandle.standardError.write(Data("winnow: cannot write the report: \(error)\n".utf8))
                throw ExitCode(ExitStatus.someFailed)
            }
        }
    }
}
