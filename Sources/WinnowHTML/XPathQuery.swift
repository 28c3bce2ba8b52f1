internal import CLibXML2

/// XPath 1.0 expressions evaluated by libxml2 on the page while its tree exists, so that rules can
/// select elements with the full language (`//div[contains(@class, 'share')]`,
/// `//article//p[last()]`, `//*[@id='comments']/following-sibling::*`).
///
/// ``HTMLParser/parse(_:limits:queries:)`` evaluates them before it copies the tree, and the copy
/// records which nodes of the arena each expression selected (``HTMLDocument/queryMatches``):
/// elements and text nodes as themselves, attributes as their element. Names in the page are
/// lowercase (libxml2's HTML parser lowercases them), so expressions must use lowercase names.
public enum XPathQuery {
    /// A mistake in an expression, with the 0-based character offset libxml2 stopped at.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong.
        public var message: String
        /// Where, when libxml2 says (an offset into the expression).
        public var offset: Int?
        public var description: String { offset.map { "\(message) (at character \($0 + 1))" } ?? message }
    }

    /// The most steps one evaluation may take on one page (libxml2's `opLimit`): hostile or
    /// careless expressions (`//*[count(//*) > 0]`) fail that page instead of running for hours.
    public static let operationLimit: UInt = 20_000_000

    /// Checks an expression: it must compile, and evaluate on a small page to a set of nodes
    /// (unknown functions and variables are found only when evaluating).
    public static func check(_ expression: String) -> Problem? {
        HTMLParser.initializeOnce()
        var captured = winnow_captured_error()
        winnow_capture_libxml_errors(&captured)
        defer { winnow_silence_libxml_errors() }
        guard let compiled = xmlXPathCompile(expression) else {
            return problem(captured, fallback: "not a valid XPath expression")
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        let sample = "<html><head><title>t</title></head><body><div id=\"a\" class=\"b\"><p>text</p></div></body></html>"
        guard let document = htmlReadMemory(sample, Int32(sample.utf8.count), nil, nil, HTMLParser.options) else { return nil }
        defer { xmlFreeDoc(document) }
        guard let context = xmlXPathNewContext(document) else { return nil }
        defer { xmlXPathFreeContext(context) }
        context.pointee.opLimit = operationLimit
        guard let result = xmlXPathCompiledEval(compiled, context) else {
            return problem(captured, fallback: "the expression cannot be evaluated")
        }
        defer { xmlXPathFreeObject(result) }
        guard result.pointee.type == XPATH_NODESET else {
            let kind = switch result.pointee.type {
            case XPATH_BOOLEAN: "a boolean"
            case XPATH_NUMBER: "a number"
            case XPATH_STRING: "a string"
            default: "a value"
            }
            return Problem(message: "the expression gives \(kind), not a set of elements (write a path such as //div[@id='x'])", offset: nil)
        }
        return nil
    }

    static func problem(_ captured: winnow_captured_error, fallback: String) -> Problem {
        var copy = captured
        let message = withUnsafeBytes(of: &copy.message) { buffer in
            String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        }
        return Problem(message: message.isEmpty ? fallback : message, offset: captured.code != 0 && captured.offset >= 0 ? Int(captured.offset) : nil)
    }

    /// Evaluates `queries` on a parsed libxml2 document: for each selected node (an attribute
    /// stands for its element), the indices of the queries that selected it.
    static func evaluate(_ queries: [String], on document: htmlDocPtr) throws(HTMLParseError) -> [UnsafeMutableRawPointer: [Int32]] {
        guard !queries.isEmpty else { return [:] }
        var captured = winnow_captured_error()
        winnow_capture_libxml_errors(&captured)
        defer { winnow_silence_libxml_errors() }
        guard let context = xmlXPathNewContext(document) else { throw .parserFailed }
        defer { xmlXPathFreeContext(context) }
        var selected: [UnsafeMutableRawPointer: [Int32]] = [:]
        for (number, query) in queries.enumerated() {
            context.pointee.opLimit = operationLimit
            context.pointee.opCount = 0
            captured = winnow_captured_error()
            guard let result = xmlXPathEvalExpression(query, context) else {
                throw .queryFailed(expression: query, message: problem(captured, fallback: "libxml2 gave no result").message)
            }
            defer { xmlXPathFreeObject(result) }
            guard result.pointee.type == XPATH_NODESET, let set = result.pointee.nodesetval else { continue }
            let count = Int(set.pointee.nodeNr)
            guard count > 0, let nodes = set.pointee.nodeTab else { continue }
            for position in 0..<count {
                guard var node = nodes[position] else { continue }
                if node.pointee.type == XML_ATTRIBUTE_NODE {
                    guard let parent = node.pointee.parent else { continue }
                    node = parent
                }
                selected[UnsafeMutableRawPointer(node), default: []].append(Int32(number))
            }
        }
        return selected
    }
}
