import Foundation
import Yams

/// Typed access to the options of one stage entry, reporting mistakes with line and column.
///
/// Each accessor returns the value of a key, or the default when the key is absent; when the value
/// has the wrong type or a bad value it records a ``Diagnostic`` and returns the default, so that
/// loading goes on and reports every mistake at once.
public final class OptionValues {
    /// The pipeline file, for diagnostics.
    let file: String
    /// The stage's options mapping, or nil when the entry has no options.
    let mapping: Node.Mapping?
    /// Where the entry is, for errors that belong to no key.
    let entryMark: Mark?
    /// The folder against which relative paths resolve.
    public let baseFolder: String
    /// The mistakes found so far.
    private(set) var diagnostics: [Diagnostic] = []

    /// Creates option values from a YAML mapping (used by the loader and by tests).
    init(file: String, mapping: Node.Mapping?, entryMark: Mark?, baseFolder: String) {
        self.file = file
        self.mapping = mapping
        self.entryMark = entryMark
        self.baseFolder = baseFolder
    }

    /// Parses options from YAML text such as `"mode: precision"`, for tests and library users.
    public convenience init(yaml: String, file: String = "<options>", baseFolder: String = ".") throws {
        let node = try Yams.compose(yaml: yaml)
        self.init(file: file, mapping: node?.mapping, entryMark: node?.mark, baseFolder: baseFolder)
    }

    /// The mistakes found while reading.
    public var errors: [Diagnostic] { diagnostics }

    /// The raw YAML node of a key, if present.
    public func node(_ key: String) -> Node? {
        mapping?[Node(key)]
    }

    /// Whether the key is present.
    public func contains(_ key: String) -> Bool { node(key) != nil }

    /// Records a mistake about a key's value (or about the entry when the key is absent).
    public func error(_ key: String?, _ message: String) {
        let mark = key.flatMap { node($0)?.mark } ?? entryMark
        diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message))
    }

    /// Records a mistake at a given node.
    func error(at node: Node, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message))
    }

    /// Records a mistake at a character offset inside a scalar's text (past its opening quote).
    func error(at node: Node, offset: Int, _ message: String) {
        let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
        let column = (node.mark?.column ?? 0) + (quoted ? 1 : 0) + max(0, offset)
        diagnostics.append(Diagnostic(file: file, line: node.mark?.line ?? 0, column: column, message: message))
    }

    /// The options of a mapping nested under this one (such as a site's rules), reporting into
    /// this one's diagnostics through ``absorb(_:)``.
    func nested(_ mapping: Node.Mapping?, at mark: Mark?) -> OptionValues {
        OptionValues(file: file, mapping: mapping, entryMark: mark, baseFolder: baseFolder)
    }

    /// Takes over the mistakes a nested reader found.
    func absorb(_ other: OptionValues) {
        diagnostics += other.diagnostics
    }

    /// A string value.
    public func string(_ key: String, default fallback: String) -> String {
        guard let node = node(key) else { return fallback }
        guard let scalar = node.scalar else {
            error(at: node, "option '\(key)' must be a string, found \(Self.describe(node))")
            return fallback
        }
        return scalar.string
    }

    /// An optional string value (absent or `null` gives nil).
    public func optionalString(_ key: String) -> String? {
        guard let node = node(key), node.null == nil else { return nil }
        return string(key, default: "")
    }

    /// A boolean value (`true` or `false`).
    public func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let node = node(key) else { return fallback }
        guard let value = node.bool, node.scalar != nil else {
            error(at: node, "option '\(key)' must be true or false, found \(Self.describe(node))")
            return fallback
        }
        return value
    }

    /// An integer value within a range.
    public func int(_ key: String, default fallback: Int, range: ClosedRange<Int> = Int.min...Int.max) -> Int {
        guard let node = node(key) else { return fallback }
        guard node.scalar != nil, let value = node.int else {
            error(at: node, "option '\(key)' must be a whole number, found \(Self.describe(node))")
            return fallback
        }
        guard range.contains(value) else {
            error(at: node, "option '\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return fallback
        }
        return value
    }

    /// A number value within a range.
    public func double(_ key: String, default fallback: Double, range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) -> Double {
        guard let node = node(key) else { return fallback }
        guard node.scalar != nil, let value = node.float else {
            error(at: node, "option '\(key)' must be a number, found \(Self.describe(node))")
            return fallback
        }
        guard range.contains(value) else {
            error(at: node, "option '\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return fallback
        }
        return value
    }

    /// One of a fixed set of words.
    public func choice(_ key: String, _ choices: [String], default fallback: String) -> String {
        guard let node = node(key) else { return fallback }
        guard let value = node.scalar?.string else {
            error(at: node, "option '\(key)' must be one of \(choices.joined(separator: ", ")), found \(Self.describe(node))")
            return fallback
        }
        guard choices.contains(value) else {
            error(at: node, "option '\(key)' has no value '\(value)'; \(NearestName.hint(for: value, among: choices))")
            return fallback
        }
        return value
    }

    /// A list of strings; a single string counts as a list of one.
    public func strings(_ key: String, default fallback: [String] = []) -> [String] {
        guard let node = node(key) else { return fallback }
        if let scalar = node.scalar, node.null == nil { return [scalar.string] }
        if node.null != nil { return [] }
        guard let sequence = node.sequence else {
            error(at: node, "option '\(key)' must be a list of strings, found \(Self.describe(node))")
            return fallback
        }
        var result: [String] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                error(at: item, "each item of '\(key)' must be a string, found \(Self.describe(item))")
                continue
            }
            result.append(scalar.string)
        }
        return result
    }

    /// A list of words, each from a fixed set.
    public func choices(_ key: String, _ choices: [String], default fallback: [String]) -> [String] {
        guard let node = node(key) else { return fallback }
        let values = strings(key, default: fallback)
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        var result: [String] = []
        for (value, item) in zip(values, items) {
            if choices.contains(value) {
                result.append(value)
            } else {
                error(at: item, "'\(key)' has no value '\(value)'; \(NearestName.hint(for: value, among: choices))")
            }
        }
        return result
    }

    /// A list of regular expressions, each compiled now so that a bad one is reported with its place.
    public func regexes(_ key: String, caseInsensitive: Bool = false) -> [NSRegularExpression] {
        guard let node = node(key) else { return [] }
        let patterns = strings(key)
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        var result: [NSRegularExpression] = []
        for (pattern, item) in zip(patterns, items) {
            do {
                var options: NSRegularExpression.Options = [.anchorsMatchLines]
                if caseInsensitive { options.insert(.caseInsensitive) }
                result.append(try NSRegularExpression(pattern: pattern, options: options))
            } catch {
                self.error(at: item, "'\(pattern)' in '\(key)' is not a valid regular expression (ICU syntax); check brackets, parentheses and escapes")
            }
        }
        return result
    }

    /// A path, resolved against the pipeline file's folder when relative.
    public func path(_ key: String, default fallback: String?) -> String? {
        guard let value = optionalString(key) ?? fallback else { return nil }
        return PathResolver.resolve(value, against: baseFolder)
    }

    /// Any `Decodable` value, for options of library users' stages.
    public func decode<T: Decodable>(_ type: T.Type, _ key: String, default fallback: T) -> T {
        guard let node = node(key) else { return fallback }
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch {
            self.error(at: node, "option '\(key)' could not be read as \(T.self): \(error)")
            return fallback
        }
    }

    /// The keys present in the mapping, with their nodes.
    var keys: [(String, Node)] {
        guard let mapping else { return [] }
        return mapping.map { ($0.key.scalar?.string ?? Self.describe($0.key), $0.key) }
    }

    /// A short description of a node for messages: `'abc'`, `a list`, `a mapping`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "'\(scalar.string)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }
}

/// Resolves relative paths against a folder.
public enum PathResolver {
    /// `path` when absolute (or `~`-relative, expanded), else `folder/path`, standardized.
    public static func resolve(_ path: String, against folder: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((folder as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }
}
