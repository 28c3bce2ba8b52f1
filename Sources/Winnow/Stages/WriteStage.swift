import Foundation

/// Writes each document's kept text into the output folder, mirroring the input tree.
///
/// `news/a.html` becomes `news/a.txt`. Files are written to a temporary name in the same folder
/// and renamed into place, so a reader never sees a half-written file.
public struct WriteStage: Stage {
    /// Options of the `write` stage.
    public struct Options: StageOptions {
        /// The documented options.
        public static let fields = [
            OptionField("formats", type: "[txt]", default: "[txt]", help: "Output formats; txt writes the kept blocks with a blank line between them."),
            OptionField("skip-empty", type: "bool", default: "true", help: "Drop documents with no text left (counted as 'empty') instead of writing empty files."),
        ]
        /// The formats to write.
        public var formats: [String]
        /// Whether empty documents are dropped.
        public var skipEmpty: Bool

        /// Reads the options.
        public init(from values: OptionValues) {
            formats = values.choices("formats", ["txt"], default: ["txt"])
            skipEmpty = values.bool("skip-empty", default: true)
            if values.contains("formats") && formats.isEmpty && values.errors.isEmpty {
                values.error("formats", "'formats' names no format; use [txt]")
            }
        }
    }

    /// `write`.
    public static let name = "write"
    /// What the stage does.
    public static let summary = "Writes the kept text into the output folder, mirroring the input tree (news/a.html -> news/a.txt)."

    let options: Options
    let outputFolder: String

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        self.options = options
        self.outputFolder = context.outputFolder
    }

    /// Writes the document's files.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        let text = document.text
        if options.skipEmpty && text.allSatisfy(\.isWhitespace) {
            return .drop(reason: "empty")
        }
        let stem = OutputPath.stem(of: document.id)
        for format in options.formats {
            let relative = stem + "." + format
            try OutputPath.writeAtomically(Data((text + "\n").utf8), to: relative, in: outputFolder)
            document.outputs.append(relative)
        }
        return .keep
    }
}

/// Names and safe writing of output files.
public enum OutputPath {
    /// Input extensions that output names drop, longest first.
    static let inputExtensions = [".html.gz", ".htm.gz", ".xhtml.gz", ".txt.gz", ".text.gz", ".html", ".htm", ".xhtml", ".txt", ".text", ".gz"]

    /// The id without its input extension: `news/a.html.gz` -> `news/a`.
    public static func stem(of id: String) -> String {
        let lower = id.lowercased()
        for suffix in inputExtensions where lower.hasSuffix(suffix) && lower.count > suffix.count {
            return String(id.dropLast(suffix.count))
        }
        return id
    }

    /// Writes `data` to `relative` inside `folder` through a temporary file and a rename.
    ///
    /// Refuses relative paths that would leave the folder (`..`, absolute paths).
    public static func writeAtomically(_ data: Data, to relative: String, in folder: String) throws(DocumentError) {
        let parts = relative.split(separator: "/")
        guard !relative.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else {
            throw DocumentError("refusing to write \(relative): it would leave the output folder")
        }
        let path = folder + "/" + relative
        let directory = (path as NSString).deletingLastPathComponent
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DocumentError("cannot create the folder \(directory): \(PipelineLoader.reason(error))", hint: "check the output folder's permissions and free space")
        }
        let name = (path as NSString).lastPathComponent
        let temporary = directory + "/.\(name).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp"
        guard manager.createFile(atPath: temporary, contents: data) else {
            try? manager.removeItem(atPath: temporary)
            throw DocumentError("cannot write \(path)", hint: "check the output folder's permissions and free space")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(atPath: temporary)
            throw DocumentError("cannot move the output into place at \(path): \(reason)")
        }
    }
}
