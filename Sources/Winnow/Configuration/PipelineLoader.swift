import Foundation
import Yams

/// Reads a pipeline file, checks every part of it, and builds a ``PipelineConfiguration``.
///
/// A pipeline file looks like this:
///
/// ```yaml
/// version: 1
/// input:
///   folder: ../Samples
///   include: ["**/*.html", "**/*.txt"]
/// output:
///   folder: ../output
/// concurrency:
///   jobs: 0            # 0: one worker per active core
/// stages:
///   - read
///   - rules:
///       drop-lines: ["^Recommended by", "^NEXT ARTICLE$"]
///   - write
/// ```
///
/// Every mistake is reported as a ``Diagnostic`` with its line and column; loading goes on after a
/// mistake so that one run of `winnow validate` lists them all.
public struct PipelineLoader: Sendable {
    /// Values from the command line that replace the file's.
    public struct Overrides: Sendable {
        /// Replaces `input.folder`.
        public var input: String?
        /// Replaces `output.folder`.
        public var output: String?
        /// Replaces `concurrency.jobs`.
        public var jobs: Int?
        /// Turns traces with removed text on.
        public var trace: Bool?
        /// Writes dropped documents to `_dropped/`.
        public var keepDropped: Bool?

        /// Creates overrides.
        public init(input: String? = nil, output: String? = nil, jobs: Int? = nil, trace: Bool? = nil, keepDropped: Bool? = nil) {
            self.input = input
            self.output = output
            self.jobs = jobs
            self.trace = trace
            self.keepDropped = keepDropped
        }
    }

    /// The stages pipeline files may name.
    public var registry: StageRegistry

    /// Creates a loader over a registry.
    public init(registry: StageRegistry = .builtIn) {
        self.registry = registry
    }

    /// The top-level keys of a pipeline file.
    static let topKeys = ["version", "input", "output", "concurrency", "limits", "trace", "stages"]

    /// Loads the pipeline file at `path`.
    public func load(path: String, overrides: Overrides = Overrides()) throws(ConfigurationError) -> PipelineConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError([Diagnostic(file: path, line: 0, column: 0, message: "cannot read the pipeline file (\(Self.reason(error))); check the path")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError([Diagnostic(file: path, line: 0, column: 0, message: "the pipeline file is not UTF-8 text")])
        }
        let folder = (PathResolver.resolve(path, against: FileManager.default.currentDirectoryPath) as NSString).deletingLastPathComponent
        return try load(yaml: text, file: path, baseFolder: folder, overrides: overrides)
    }

    /// Loads a pipeline from YAML text; `file` names it in diagnostics.
    public func load(yaml: String, file: String, baseFolder: String, overrides: Overrides = Overrides()) throws(ConfigurationError) -> PipelineConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ConfigurationError([Diagnostic(file: file, line: 1, column: 1, message: "the pipeline file is empty; it needs at least 'version: 1' and 'stages'")])
            }
            root = node
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError([Self.yamlDiagnostic(error, file: file)])
        }
        var reader = Reader(file: file, baseFolder: baseFolder, registry: registry)
        // The hash is taken of valid files only: sorting the keys of a hostile file's nested
        // complex keys (`? - …`) takes Yams exponential time (a fuzzing finding).
        guard var configuration = reader.read(root, overrides: overrides, hash: ""), reader.diagnostics.isEmpty else {
            throw ConfigurationError(reader.diagnostics)
        }
        configuration.hash = Self.hash(stagesOf: root)
        return configuration
    }

    /// A hex SHA-256 of what decides a document's outputs: the `stages` list in a canonical form
    /// (comments, layout, input, output and concurrency do not change it).
    static func hash(stagesOf root: Node) -> String {
        let stages = root.mapping?[Node("stages")] ?? Node("")
        let canonical = (try? Yams.serialize(node: stages, sortKeys: true)) ?? ""
        return Digest.sha256("winnow pipeline v1\n" + canonical)
    }

    /// A diagnostic for a YAML syntax error, with the place libyaml reports.
    static func yamlDiagnostic(_ error: Error, file: String) -> Diagnostic {
        if let error = error as? YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
                let prefix = context.map { "\($0.text) " } ?? ""
                return Diagnostic(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(prefix)\(problem)")
            case .reader(let problem, _, _, _):
                return Diagnostic(file: file, line: 0, column: 0, message: "YAML syntax: \(problem)")
            default:
                break
            }
        }
        return Diagnostic(file: file, line: 0, column: 0, message: "YAML syntax: \(error)")
    }

    /// A short reason for an I/O error.
    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
