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
            OptionField("max-inflated-bytes", type: "int", default: "67108864", help: "A .gz input that inflates past this many bytes fails (guards against gzip bombs); also the cap on an HTML page after decoding."),
            OptionField("max-depth", type: "int", default: "5000", help: "HTML elements nested deeper than this are cut off (the document is flagged)."),
            OptionField("max-nodes", type: "int", default: "1000000", help: "HTML pages with more nodes (or start tags) than this fail; checked before parsing, so libxml2 never builds a larger tree."),
            OptionField("max-attributes", type: "int", default: "1000", help: "HTML pages with an element of more attributes than this fail (libxml2 would take hours on hostile tags)."),
        ]
        /// Size cap for the file.
        public var maxBytes: Int
        /// Size cap after inflating.
        public var maxInflatedBytes: Int
        /// Depth cap for HTML.
        public var maxDepth: Int
        /// Node cap for HTML.
        public var maxNodes: Int
        /// Cap on one HTML element's attributes.
        public var maxAttributes: Int

        /// Reads the options.
        public init(from values: OptionValues) {
            maxBytes = values.int("max-bytes", default: 64 << 20, range: 1...(1 << 40))
            maxInflatedBytes = values.int("max-inflated-bytes", default: 64 << 20, range: 1...(1 << 40))
            maxDepth = values.int("max-depth", default: 5_000, range: 16...1_000_000)
            maxNodes = values.int("max-nodes", default: 1_000_000, range: 100...1_000_000_000)
            maxAttributes = values.int("max-attributes", default: 1_000, range: 16...10_000_000)
        }
    }

    /// `read`.
    public static let name = "read"
    /// What the stage does.
    public static let summary = "Reads plain text or HTML (libxml2) in any common encoding, .gz included, into typed blocks."

    let options: Options
    /// XPath expressions of later stages, evaluated on each HTML page (``XPathQuery``).
    let xpathQueries: [String]

    /// Creates the stage.
    public init(options: Options, context: StageContext) {
        self.options = options
        xpathQueries = context.xpathQueries
    }

    /// Loads, decodes and splits the document.
    public mutating func process(_ document: inout Document) throws -> Disposition {
        try read(try load(document.source.path), into: &document)
        return .keep
    }

    /// Decodes `bytes` as the contents of `document`'s file (inflating gzip, deciding the kind
    /// from the id or the bytes) and splits them into blocks, as ``process(_:)`` does after
    /// loading the file. Every cap but `max-bytes` applies.
    public func read(_ bytes: [UInt8], into document: inout Document) throws(DocumentError) {
        var bytes = bytes
        document.source.sha256 = Digest.sha256(bytes)
        let lower = document.id.lowercased()
        if lower.hasSuffix(".gz") || bytes.starts(with: [0x1F, 0x8B]) {
            do {
                bytes = try HTMLInput.inflateGzip(bytes, maxBytes: options.maxInflatedBytes)
            } catch {
                throw DocumentError("\(error)")
            }
        }
        if let mark = Self.utf16ByteOrderMark(bytes) { bytes = mark + bytes }
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
                page = try HTMLParser.parse(bytes, limits: HTMLParseLimits(
                    maxInputBytes: options.maxInflatedBytes, maxDepth: options.maxDepth, maxNodes: options.maxNodes, maxAttributes: options.maxAttributes), queries: xpathQueries)
            } catch {
                throw DocumentError("\(error)")
            }
            document.source.encoding = page.encoding.description
            document.blocks = HTMLBlocks.blocks(of: page)
            document.html = page
        }
        document.raw = bytes
        if document.trace.keepText {
            for index in document.blocks.indices { document.blocks[index].origin = index }
        }
    }

    /// Reads the file, refusing ones over the size cap: by their size before reading a byte, and
    /// by reading at most one byte more than the cap (a file that grows meanwhile).
    func load(_ path: String) throws(DocumentError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw DocumentError("cannot open \(path): \(String(cString: strerror(errno)))", hint: "check that it exists and is readable")
        }
        defer { close(descriptor) }
        var status = stat()
        var expected = 64 << 10
        if fstat(descriptor, &status) == 0 {
            guard Int(status.st_size) <= options.maxBytes else {
                throw DocumentError(
                    "the file is larger than max-bytes (\(status.st_size) bytes, the cap is \(options.maxBytes))", hint: "raise 'max-bytes' of the read stage to read it")
            }
            expected = Int(status.st_size) + 1
        }
        // Read to the end, or to one byte past the cap (a file that grew since it was listed).
        var bytes = [UInt8](repeating: 0, count: min(max(expected, 1), options.maxBytes + 1))
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= options.maxBytes else {
                    throw DocumentError("the file is larger than max-bytes (\(options.maxBytes) bytes)", hint: "raise 'max-bytes' of the read stage to read it")
                }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, options.maxBytes + 1 - bytes.count)))
            }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw DocumentError("cannot read \(path): \(String(cString: strerror(errno)))", hint: "check the file and the disk it is on")
            }
            if read == 0 { break }
            count += read
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Decides the kind from the name, else from the first bytes.
    static func kind(of lowercasedName: String, bytes: [UInt8]) -> Document.Kind {
        let name = lowercasedName.hasSuffix(".gz") ? String(lowercasedName.dropLast(3)) : lowercasedName
        if name.hasSuffix(".html") || name.hasSuffix(".htm") || name.hasSuffix(".xhtml") { return .html }
        if name.hasSuffix(".txt") || name.hasSuffix(".text") { return .text }
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") ? .html : .text
    }

    /// The byte order mark of text that is UTF-16 without one (ASCII-range text, where every other
    /// byte is zero), so that it decodes instead of failing as binary; nil for anything else.
    static func utf16ByteOrderMark(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 8, bytes.count % 2 == 0, !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]) else { return nil }
        let pairs = min(bytes.count, 1024) / 2
        var evenZeros = 0, oddZeros = 0
        for pair in 0..<pairs {
            if bytes[2 * pair] == 0 { evenZeros += 1 }
            if bytes[2 * pair + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 10 >= pairs * 9, evenZeros == 0 { return [0xFF, 0xFE] }
        if evenZeros * 10 >= pairs * 9, oddZeros == 0 { return [0xFE, 0xFF] }
        return nil
    }

    /// Fails text files that are binary (NUL bytes where UTF-16 does not explain them).
    static func checkNotBinary(_ bytes: [UInt8]) throws(DocumentError) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return }
        if bytes.prefix(4096).contains(0) {
            throw DocumentError("the file is binary, not text (it holds NUL bytes)", hint: "exclude it with 'input.exclude' in the pipeline file")
        }
    }
}
