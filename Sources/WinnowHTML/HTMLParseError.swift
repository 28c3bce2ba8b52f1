/// Why a page could not be turned into an ``HTMLDocument``.
///
/// Malformed markup is never an error (the parser recovers the way browsers do); these cases mean
/// the input is not a usable HTML page at all, or exceeds a configured limit.
public enum HTMLParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Zero bytes, or only whitespace.
    case emptyInput
    /// The bytes look like a binary file; `kind` names what was recognised ("PNG image", "NUL bytes", …).
    case binaryInput(kind: String)
    /// The input is larger than ``HTMLParseLimits/maxInputBytes``.
    case inputTooLarge(bytes: Int, limit: Int)
    /// The document has more than ``HTMLParseLimits/maxNodes`` element and text nodes.
    case tooManyNodes(limit: Int)
    /// The parser produced no root element (for example, the input is only a comment).
    case noRootElement
    /// libxml2 returned no document at all (out of memory or an internal failure).
    case parserFailed
    /// Building the tree went past the document's time limit (``ProcessingDeadline``).
    case tookTooLong(seconds: Double)
    /// One element has more than ``HTMLParseLimits/maxAttributes`` attributes (libxml2 checks
    /// attributes for duplicates pairwise, so such a tag would take hours to parse).
    case tooManyAttributes(limit: Int)
    /// An XPath query of the pipeline could not be evaluated on this page (it went past
    /// ``XPathQuery/operationLimit`` steps, or libxml2 reported an error).
    case queryFailed(expression: String, message: String)

    /// What is wrong and what to do about it.
    public var description: String {
        switch self {
        case .emptyInput:
            return "input is empty (zero bytes or only whitespace): check that the page body was saved, "
                + "not just the response headers"
        case .binaryInput(let kind):
            if kind == Self.gzipKind {
                return "input is gzip-compressed, not HTML: inflate it first (HTMLInput.inflateGzip) "
                    + "or pass the raw page"
            }
            return "input is binary (\(kind)), not HTML: pass an HTML page, not an image, archive or executable"
        case .inputTooLarge(let bytes, let limit):
            return "input is \(bytes) bytes, over the \(limit)-byte limit: raise HTMLParseLimits.maxInputBytes "
                + "if this page is genuine"
        case .tooManyNodes(let limit):
            return "document has more than \(limit) nodes: raise HTMLParseLimits.maxNodes if this page is genuine"
        case .noRootElement:
            return "document has no root element (no markup or text, only comments or a doctype): "
                + "check that the input is an HTML page"
        case .parserFailed:
            return "libxml2 returned no document (out of memory or an internal failure): retry, "
                + "or report the input that caused it"
        case .tookTooLong(let seconds):
            return ProcessingDeadline.Exceeded(seconds: seconds).description
        case .tooManyAttributes(let limit):
            return "an element has more than \(limit) attributes (a malformed or hostile page): "
                + "raise HTMLParseLimits.maxAttributes (max-attributes of the read stage) if this page is genuine"
        case .queryFailed(let expression, let message):
            return "the XPath '\(expression)' could not be evaluated on this page: \(message); "
                + "simplify the expression (avoid nested '//' inside predicates), or scope it to the sites it is for"
        }
    }

    /// The ``binaryInput(kind:)`` kind for gzip data.
    public static let gzipKind = "gzip data"
}

/// Resource limits applied while parsing a page.
public struct HTMLParseLimits: Sendable, Hashable {
    /// Largest accepted input, in bytes (default 64 MiB).
    public var maxInputBytes: Int
    /// Deepest element depth kept (root = 0, default 5,000, at most 65,535); deeper content is cut
    /// off and ``HTMLDocument/truncatedDepth`` is set.
    public var maxDepth: Int
    /// Most element and text nodes accepted (default 1,000,000); more is ``HTMLParseError/tooManyNodes(limit:)``.
    /// Checked twice: before parsing, against the number of start tags (so libxml2 never builds
    /// a tree much larger than the limit), and while copying the tree.
    public var maxNodes: Int
    /// Most attributes one element may have (default 1,000); more is
    /// ``HTMLParseError/tooManyAttributes(limit:)``, found by a scan before parsing.
    public var maxAttributes: Int

    /// Creates limits; the defaults suit real web pages.
    public init(maxInputBytes: Int = 64 << 20, maxDepth: Int = 5_000, maxNodes: Int = 1_000_000, maxAttributes: Int = 1_000) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxAttributes = maxAttributes
    }

    /// The default limits.
    public static let standard = HTMLParseLimits()
}
