import ArgumentParser
import Foundation
import Winnow

extension WinnowCommand {
    /// `winnow extract PAGE`.
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one page's main content.",
            discussion: "Reads the page (HTML or text, .gz too), strips it, and prints the kept text; --explain also lists every removed block with its reason."
        )

        /// Output formats.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, markdown
        }

        @Argument(help: "The page to read.", completion: .file())
        var page: String

        @Option(help: "Output format: text or markdown.")
        var format: Format = .text

        @Option(help: "Stripping mode: precision, balanced or recall.")
        var mode: String = "balanced"

        @Flag(help: "Keep readers' comments.")
        var comments = false

        @Flag(help: "Print every block with its verdict instead of the text.")
        var explain = false

        func validate() throws {
            guard StripStage.Mode(rawValue: mode) != nil else {
                throw ValidationError("--mode must be one of \(StripStage.Mode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let path = PathResolver.resolve(page, against: FileManager.default.currentDirectoryPath)
            let options = StripStage.Options(mode: StripStage.Mode(rawValue: mode) ?? .balanced, comments: comments)
            let document: Document
            do {
                document = try Extraction.extract(path: path, options: options, keepTrace: explain)
            } catch {
                FileHandle.standardError.write(Data("winnow: \(path): \(error)\n".utf8))
                throw ExitCode(ExitStatus.someFailed)
            }
            if explain {
                for note in document.trace.notes { print("# \(note)") }
                for removal in document.trace.removals {
                    print("- [\(removal.reason) \(removal.detail ?? "")] \(removal.text?.replacingOccurrences(of: "\n", with: " ").prefix(160) ?? "")")
                }
                for block in document.blocks { print("+ [\(block.kind.rawValue)] \(block.text.replacingOccurrences(of: "\n", with: " ").prefix(160))") }
                return
            }
            switch format {
            case .text: print(document.text)
            case .markdown: print(MarkdownRenderer.render(document.blocks))
            }
        }
    }
}
