import Foundation

/// Writes each document into the output folder in one or several formats.
///
/// - `txt`: the kept blocks as plain text, a blank line between blocks.
/// - `markdown`: headings, nested lists, GFM tables, fenced code with its language, quotes;
///   optionally YAML front matter with the metadata (`.md`).
/// - `json`: one file per document: text, typed blocks with heading paths, metadata with sources,
///   and the trace of removals when asked.
/// - `jsonl`: one line per document in parts of a configurable size (`part-w00-00000.jsonl`, one
///   series per worker so workers never share a file), optionally gzip-compressed.
///
/// Layout `mirror` keeps the input tree (`news/a.html` → `news/a.txt`); `flat` names files by
/// their id with `/` escaped (`news%2Fa.txt`). Every file is written to a temporary name in the
/// same folder and renamed into place, so a reader never sees a half-written file.
public struct WriteStage: Stage {
    /// The formats the stage writes.
    public static let formatNames = ["txt", "markdown", "json", "jsonl"]

    /// Options of the `write` stage.
    public struct Options: StageOptions {
        /// The documented options.
        public static let fields = [
            OptionField("formats", type: "[txt|markdown|json|jsonl]", default: "[txt]", help: "Output formats, one or several."),
            OptionField("layout", type: "mirror|flat", default: "mirror", help: "mirror keeps the input tree (news/a.html -> news/a.txt); flat names files by id with '/' escaped as %2F."),
            OptionField("front-matter", type: "bool", default: "false", help: "Start markdown files with YAML front matter holding the metadata."),
            OptionField("links", type: "bool", default: "false", help: "Keep the page's links in markdown as [text](url), resolved against the page's base or canonical URL."),
            OptionField("trace", type: "bool", default: "false", help: "Include the trace of removals in json and jsonl (always on with --trace)."),
            OptionField("jsonl-part-bytes", type: "int", default: "104857600", help: "Start a new jsonl part when the current one reaches this many (uncompressed) bytes."),
            OptionField("jsonl-compress", type: "bool", default: "false", help: "Write jsonl parts gzip-compressed (.jsonl.gz)."),
            OptionField("skip-empty", type: "bool", default: "true", help: "Drop documents with no text left (counted as 'empty') instead of writing empty files."),
        ]
        /// The formats to write.
        public var formats: [String]
        /// `mirror` or `flat`.
        public var flat: Bool
        /// Whether markdown starts with front matter.
        public var frontMatter: Bool
        /// Whether markdown keeps links.
        public var links: Bool
        /// Whether json includes the trace.
        public var trace: Bool
        /// jsonl part size.
        public var partBytes: Int
        /// Whether jsonl parts are compressed.
        public var compress: Bool
        /// Whether empty documents are dropped.
        public var skipEmpty: Bool

        /// Reads the options.
        public init(from values: OptionValues) {
            formats = values.choices("formats", WriteStage.formatNames, default: ["txt"])
            if values.contains("formats") && formats.isEmpty && values.errors.isEmpty {
                values.error("formats", "'formats' names no format; use one or more of \(WriteStage.formatNames.joined(separator: ", "))")
            }
            flat = values.choice("layout", ["mirror", "flat"], default: "mirror") == "flat"
            frontMatter = values.bool("front-matter", default: false)
            links = values.bool("links", default: false)
            trace = values.bool("trace", default: false)
            partBytes = values.int("jsonl-part-bytes", default: 100 << 20, range: 1_024...(1 << 40))
            compress = values.bool("jsonl-compress", default: false)
            skipEmpty = values.bool("skip-empty", default: true)
        }
    }

    /// `write`.
    public static let name = "write"
    /// What the stage does.
    public static let summary = "Writes txt, markdown, json or jsonl into the output folder, mirroring the input tree (news/a.html -> news/a.txt)."

    let options: Options
    let outputFolder: String
    let includeTrace: Bool
    var lines: JSONLinesPartWriter?

    /// Creates the stage. A worker's jsonl parts are numbered after the parts already in the
    /// output folder (the runner keeps those of unchanged documents and removes the rest).
    public init(options: Options, context: StageContext) throws {
        self.options = options
        self.outputFolder = context.outputFolder
        self.includeTrace = options.trace || context.keepTrace
        if options.formats.contains("jsonl") {
            let prefix = RunNames(shard: context.shard).partPrefix(worker: context.worker)
            let first = JSONLinesPartWriter.nextFreeNumber(in: context.outputFolder, prefix: prefix)
            lines = try JSONLinesPartWriter(
                folder: context.outputFolder, prefix: prefix, maxPartBytes: options.partBytes, compress: options.compress,
                includeTrace: includeTrace, firstNumber: first)
        }
    }

    /// Writes the document's files.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        if options.skipEmpty && document.blocks.allSatisfy({ $0.text.allSatisfy(\.isWhitespace) }) {
            return .drop(reason: "empty")
        }
        let stem = options.flat ? OutputPath.flatName(of: document.id) : OutputPath.stem(of: document.id)
        for format in options.formats {
            let bytes: Data
            let relative: String
            switch format {
            case "txt":
                relative = stem + ".txt"
                bytes = Data((document.text + "\n").utf8)
            case "markdown":
                relative = stem + ".md"
                bytes = Data(MarkdownWriter.render(document, frontMatter: options.frontMatter, links: options.links).utf8)
            case "json":
                relative = stem + ".json"
                bytes = Data(DocumentJSON.encode(document, includeTrace: includeTrace))
            default:
                try lines?.append(document)
                if let part = lines?.currentPart { document.outputs.append(part) }
                continue
            }
            try OutputPath.writeAtomically(bytes, to: relative, in: outputFolder)
            document.outputs.append(relative)
        }
        return .keep
    }

    /// Publishes the last jsonl part.
    public mutating func finish() throws {
        try lines?.close()
    }

    /// The jsonl part prefix of a worker: `part-w03` (`shard-0002-w03` in shard 2; see ``RunNames``).
    static func partPrefix(worker: Int, shard: Int? = nil) -> String {
        RunNames(shard: shard).partPrefix(worker: worker)
    }
}
