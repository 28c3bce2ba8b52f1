import Foundation

extension Extraction {
    /// What ``explain(path:configuration:)`` returns: the document as the stages left it, the
    /// stages that ran and the outcome.
    public struct Explained: Sendable {
        /// The document, with a trace that keeps every removal's text and position.
        public var document: Document
        /// The names of the stages that ran, in order (`write` and later stages excluded).
        public var stages: [String]
        /// Whether a stage dropped or failed the document.
        public var outcome: ExplainPage.Outcome

        /// The explain view of the result.
        public var page: ExplainPage { ExplainPage(document: document, stages: stages, outcome: outcome) }
    }

    /// Runs the page at `path` through the stages of `configuration` except `write`, with a trace
    /// that keeps text; a stage that drops or fails the document stops it there, as in a run.
    public static func explain(path: String, configuration: PipelineConfiguration) throws -> Explained {
        let id = path.split(separator: "/").last.map(String.init) ?? path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        var document = Document(id: id, source: .init(path: path, size: size, modified: attributes?[.modificationDate] as? Date), keepTrace: true)
        let folder = (path as NSString).deletingLastPathComponent
        var context = StageContext(inputFolder: folder, outputFolder: configuration.outputFolder, baseFolder: configuration.baseFolder, keepTrace: true)
        context.xpathQueries = configuration.xpathQueries
        var names: [String] = []
        for factory in configuration.stages where factory.name != WriteStage.name {
            var stage = try factory.make(context)
            names.append(factory.name)
            do {
                if case .drop(let reason) = try stage.process(&document) {
                    return Explained(document: document, stages: names, outcome: .dropped(stage: factory.name, reason: reason))
                }
            } catch {
                return Explained(document: document, stages: names, outcome: .failed(stage: factory.name, message: "\(error)"))
            }
        }
        return Explained(document: document, stages: names, outcome: .kept)
    }

    /// The pipeline `winnow explain` uses without a pipeline file: the stages of
    /// `Pipelines/default.yml` (read, rules, strip, normalize), plus `enrich` when `registry`
    /// has it.
    public static func defaultExplainPipeline(registry: StageRegistry) -> String {
        var yaml = """
            version: 1
            stages:
              - read
              - rules:
                  drop-lines: ["^Recommended by\\\\b", "^NEXT ARTICLE$"]
              - strip: {mode: balanced}
              - normalize: {profile: default}

            """
        if registry.entry(named: "enrich") != nil { yaml += "  - enrich\n" }
        return yaml
    }
}
