/// One mistake in a pipeline file, with where it is.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The pipeline file's path as the user gave it.
    public var file: String
    /// Line number, from 1; 0 when unknown.
    public var line: Int
    /// Column number, from 1; 0 when unknown.
    public var column: Int
    /// What is wrong and what would be right.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:col: error: message`, as compilers print it.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
    }
}

/// A pipeline file that cannot be used, with every mistake found in it.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The mistakes, in the order of the file.
    public var diagnostics: [Diagnostic]

    /// Creates an error from its diagnostics.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// One diagnostic per line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// Suggestions of the nearest valid name for a misspelled one.
enum NearestName {
    /// The candidate closest to `name` by edit distance, if it is close enough to be a typo.
    static func suggestion(for name: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, name.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance between two strings, over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "valid: a, b, c" or "did you mean 'b'? (valid: a, b, c)".
    static func hint(for name: String, among candidates: [String]) -> String {
        let list = candidates.joined(separator: ", ")
        if let near = suggestion(for: name, among: candidates) {
            return "did you mean '\(near)'? (valid: \(list))"
        }
        return "valid: \(list)"
    }
}
