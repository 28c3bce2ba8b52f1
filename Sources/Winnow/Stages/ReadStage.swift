import Foundation
import WinnowHTML

/// Reads an input file: loads its bytes (inflating `.gz`), decides its kind and encoding, and
/// turns it into blocks.
///
/// Plain text (`.txt`, `.text`) is decoded (BOM, valid UTF-8, windows-1252 fallback) and split into
/// blank-line separated blocks. HTML (`.html`, `.htm`, `.xhtml`) is parsed with libxml2 into
/// ``Document/html`` and its visible text becomes typed blocks. Other names are sniffed.
public struct ReadStage: Stage {
    /// Options of the `read` stage.
    public struct Options: StageOptions {
        /// The documented options.
        public static let fields = [
            OptionField("max-bytes", type: "int", default: "67108864", help: "Inputs larger than this many bytes fail with an error instead of being read."),
            OptionField("max-inflated-bytes", type: "int", default: "268435456", help: "A .gz input that inflates past this many bytes fails (guards against gzip bombs)."),
            OptionField("max-depth", type: "int", default: "5000", help: "HTML elements nested deeper than this are cut off (the document is flagged)."),
            OptionField("max-nodes", type: "int", default: "5000000", help: "HTML pages with more nodes than this fail."),
        ]
        /// Size cap for the file.
        public var maxBytes: Int
        /// Size cap after inflating.
        public var maxInflatedBytes: Int
        /// Depth cap for HTML.
        public var maxDepth: Int
        /// Node cap for HTML.
        public var maxNodes: Int

        /// Reads the options.
        public init(from values: OptionValues) {
            maxBytes = values.int("max-bytes", default: 64 << 20, range: 1...(1 << 40))
            maxInflatedBytes = values.int("max-inflated-bytes", default: 256 << 20, range: 1...(1 << 40))
            maxDepth = values.int("max-depth", default: 5_000, range: 16...1_000_000)
            maxNodes = values.int("max-nodes", default: 5_000_000, range: 100...1_000_000_000)
        }
    }

    /// `read`.
    public static let name = "read"
    /// What the stage does.
    public static let summary = "Reads plain text or HTML (libxml2) in any common encoding, .gz included, into typed blocks."

    let options: Options

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        self.options = options
    }

    /// Loads, decodes and splits the document.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        var bytes = try load(document.source.path)
        document.source.sha256 = Digest.sha256(bytes)
        let lower = document.id.lowercased()
        if lower.hasSuffix(".gz") || bytes.starts(with: [0x1F, 0x8B]) {
            do {
                bytes = try HTMLInput.inflateGzip(bytes, maxBytes: options.maxInflatedBytes)
            } catch {
                throw DocumentError("\(error)")
            }
        }
        let kind = Self.kind(of: lower, bytes: bytes)
        document.kind = kind
        switch kind {
        case .text:
            try Self.checkNotBinary(bytes)
            let decoded = TextDecoding.decode(bytes)
            document.source.encoding = decoded.encoding
            document.blocks = TextBlocks.split(decoded.text)
        case .html:
            let page: HTMLDocument
            do {
                page = try HTMLParser.parse(bytes, limits: HTMLParseLimits(maxInputBytes: options.maxInflatedBytes, maxDepth: options.maxDepth, maxNodes: options.maxNodes))
            } catch {
                throw DocumentError("\(error)")
            }
            document.source.encoding = page.encoding.description
            document.blocks = HTMLBlocks.blocks(of: page)
            document.html = page
        }
        document.raw = bytes
        return .keep
    }

    /// Reads the file, refusing ones over the size cap.
    func load(_ path: String) throws(DocumentError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DocumentError("cannot open \(path)", hint: "check that it exists and is readable")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: options.maxBytes + 1) ?? Data()
        } catch {
            throw DocumentError("cannot read \(path): \(PipelineLoader.reason(error))")
        }
        guard data.count <= options.maxBytes else {
            throw DocumentError("the file is larger than max-bytes (\(options.maxBytes) bytes)", hint: "raise 'max-bytes' of the read stage to read it")
        }
        return [UInt8](data)
    }

    /// Decides the kind from the name, else from the first bytes.
    static func kind(of lowercasedName: String, bytes: [UInt8]) -> Document.Kind {
        let name = lowercasedName.hasSuffix(".gz") ? String(lowercasedName.dropLast(3)) : lowercasedName
        if name.hasSuffix(".html") || name.hasSuffix(".htm") || name.hasSuffix(".xhtml") { return .html }
        if name.hasSuffix(".txt") || name.hasSuffix(".text") { return .text }
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") ? .html : .text
    }

    /// Fails text files that are binary (NUL bytes where UTF-16 does not explain them).
    static func checkNotBinary(_ bytes: [UInt8]) throws(DocumentError) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return }
        if bytes.prefix(4096).contains(0) {
            throw DocumentError("the file is binary, not text (it holds NUL bytes)", hint: "exclude it with 'input.exclude' in the pipeline file")
        }
    }
}
