/// One page through `read` and `strip`, without a pipeline file or folders: what `winnow extract`
/// and library users who clean a single page need.
public enum Extraction {
    /// Reads the page at `path` (HTML or text, `.gz` too) and strips it with `options`.
    public static func extract(path: String, options: StripStage.Options = .init(), keepTrace: Bool = false) throws -> Document {
        let id = path.split(separator: "/").last.map(String.init) ?? path
        var document = Document(id: id, source: .init(path: path), keepTrace: keepTrace)
        let context = StageContext(inputFolder: "/", outputFolder: "/", baseFolder: "/", keepTrace: keepTrace)
        var reader = ReadStage(options: try ReadStage.Options(from: OptionValues(yaml: "{}")), context: context)
        var stripper = StripStage(options: options, context: context)
        _ = try reader.process(&document)
        _ = try stripper.process(&document)
        return document
    }
}
