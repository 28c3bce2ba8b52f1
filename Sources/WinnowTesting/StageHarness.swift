import Winnow

/// Runs one stage on documents made in memory, without files or a pipeline: the way to test a stage.
///
/// ```swift
/// var harness = try StageHarness<RulesStage>(options: "drop-lines: ['^NEXT ARTICLE$']")
/// let (document, disposition) = try harness.run(text: "Body.\n\nNEXT ARTICLE")
/// ```
public struct StageHarness<S: Stage> {
    /// The stage instance under test.
    public var stage: S

    /// Makes the stage from options written as YAML; option mistakes throw a ``ConfigurationError``.
    public init(options yaml: String = "", context: StageContext = StageContext(inputFolder: "/in", outputFolder: "/out", baseFolder: "/")) throws {
        let values = try OptionValues(yaml: yaml.isEmpty ? "{}" : yaml)
        let options = try S.Options(from: values)
        if !values.errors.isEmpty { throw ConfigurationError(values.errors) }
        stage = try S(options: options, context: context)
    }

    /// Runs the stage on a document.
    public mutating func run(_ document: Document) throws -> (Document, Disposition) {
        var document = document
        let disposition = try stage.process(&document)
        return (document, disposition)
    }

    /// Runs the stage on a text document whose blocks are split from `text` as the reader would.
    public mutating func run(text: String, id: String = "doc.txt", keepTrace: Bool = true) throws -> (Document, Disposition) {
        let document = Document(id: id, source: .init(path: "/in/" + id), kind: .text, blocks: TextBlocks.split(text), keepTrace: keepTrace)
        return try run(document)
    }
}
