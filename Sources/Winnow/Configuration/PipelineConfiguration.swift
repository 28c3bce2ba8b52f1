/// A loaded, validated pipeline: where to read, where to write, which stages, how many workers.
public struct PipelineConfiguration: Sendable {
    /// Which files of the input folder are documents.
    public struct Input: Sendable, Hashable {
        /// The input folder (absolute).
        public var folder: String
        /// Glob patterns a relative path must match (any of them); empty means the default set.
        public var include: [String]
        /// Glob patterns that exclude a relative path.
        public var exclude: [String]
        /// Whether subfolders are read.
        public var recursive: Bool
    }

    /// The path of the pipeline file as given, or a description for built-in pipelines.
    public var file: String
    /// The folder relative paths resolve against.
    public var baseFolder: String
    /// The input.
    public var input: Input
    /// The output folder (absolute).
    public var outputFolder: String
    /// Worker count; nil means the number of active cores.
    public var jobs: Int?
    /// Whether removals keep their text in the trace.
    public var keepTrace: Bool
    /// Whether dropped documents are written to `_dropped/` for review.
    public var keepDropped: Bool = false
    /// The most seconds one document may take through the stages (`limits.max-seconds`); nil for
    /// no limit. A document past it fails with a clear error and the run goes on.
    public var maxSeconds: Double? = PipelineConfiguration.defaultMaxSeconds
    /// The configured stages, in order.
    public var stages: [StageFactory]
    /// A hash of the pipeline's meaning (its stages and their options), for manifests.
    public var hash: String
    /// The XPath expressions of all stages, which the reader evaluates on every HTML page.
    public var xpathQueries: [String] {
        var seen = Set<String>()
        return stages.flatMap(\.xpathQueries).filter { seen.insert($0).inserted }
    }

    /// The default of `limits.max-seconds`.
    public static let defaultMaxSeconds: Double = 60

    /// The include patterns used when a pipeline names none.
    public static let defaultInclude = ["**/*.html", "**/*.htm", "**/*.xhtml", "**/*.html.gz", "**/*.htm.gz", "**/*.txt", "**/*.txt.gz", "**/*.text"]
}
