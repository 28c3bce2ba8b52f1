import Foundation

/// The plan of a sharded run, `_plan.json` in the output folder: the inputs every shard shares,
/// so shards agree on who does what even when the input folder changes while they run.
///
/// ```json
/// {"created": "2026-11-29T12:00:00Z", "inputFolder": "/data/in", "inputs": [{"id": "news/a.html", "size": 48213}],
///  "pipeline": "3f1c…", "pipelineFile": "/srv/winnow/Pipelines/default.yml", "shards": 4, "version": 1, "winnow": "0.1.0"}
/// ```
/// (pretty-printed with sorted keys; inputs sorted by id, bytewise).
public struct ShardPlan: Codable, Sendable, Hashable {
    /// One input of the plan.
    public struct Input: Codable, Sendable, Hashable {
        /// The path relative to the input folder.
        public var id: String
        /// Its size when the plan was made.
        public var size: Int
    }

    /// The plan format's version (1).
    public var version = 1
    /// The pipeline file the plan was made for.
    public var pipelineFile: String
    /// The pipeline's hash (``PipelineConfiguration/hash``); shards refuse to run another pipeline.
    public var pipeline: String
    /// The input folder.
    public var inputFolder: String
    /// The number of shards.
    public var shards: Int
    /// The inputs, sorted by id.
    public var inputs: [Input]
    /// When the plan was made (ISO 8601).
    public var created: String
    /// The winnow version that made it.
    public var winnow: String

    /// Makes the plan of `configuration` over its input folder (listed now) in `shards` shards.
    public init(configuration: PipelineConfiguration, shards: Int) throws(DocumentError) {
        guard shards >= 1 else { throw DocumentError("the shard count must be at least 1, not \(shards)") }
        let listing = try InputWalker(configuration.input, skipFolder: configuration.outputFolder).files()
        pipelineFile = configuration.file
        pipeline = configuration.hash
        inputFolder = configuration.input.folder
        self.shards = shards
        inputs = listing.files.map { Input(id: $0.id, size: $0.size) }
        created = ISO8601DateFormatter().string(from: Date())
        winnow = WinnowVersion.current
    }

    /// The plan's bytes as written to `_plan.json`.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    /// A hash of what the plan decides (pipeline, input folder, inputs with their sizes, shard
    /// count; not when it was made), which completion markers record: a marker written under a
    /// plan that decided otherwise does not count as done under this one.
    public var digest: String {
        var content = self
        content.created = ""
        content.winnow = ""
        return Digest.sha256(Array(content.encoded()))
    }

    /// Writes the plan to `_plan.json` in `folder` (atomically).
    public func write(to folder: String) throws(DocumentError) {
        try OutputPath.writeAtomically(encoded(), to: RunNames.planFile, in: folder)
    }

    /// The plan in `folder`, nil when there is none. Throws when the file is there but unreadable.
    public static func load(from folder: String) throws(DocumentError) -> ShardPlan? {
        let path = folder + "/" + RunNames.planFile
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(ShardPlan.self, from: data)
        } catch {
            throw DocumentError("cannot read the plan \(path): \(error)", hint: "make it again with 'winnow plan PIPELINE --shards N'")
        }
    }

    /// The inputs of shard `index`, as files of the plan's input folder: each is looked up now
    /// (its current size and time); a file gone since the plan keeps the plan's size and fails
    /// as that document's error when it is read.
    public func files(ofShard index: Int) -> [InputFile] {
        let manager = FileManager.default
        var result: [InputFile] = []
        for input in inputs where ShardPartition.shard(of: input.id, count: shards) == index {
            let path = inputFolder + "/" + input.id
            var file = InputFile(id: input.id, path: path, size: input.size, modified: nil)
            if let attributes = try? manager.attributesOfItem(atPath: (path as NSString).resolvingSymlinksInPath) {
                file.size = (attributes[.size] as? NSNumber)?.intValue ?? input.size
                file.modified = attributes[.modificationDate] as? Date
            }
            result.append(file)
        }
        return result
    }
}
