import WinnowHTML

/// A CSS selector list (`nav, .share-bar, div#comments > form`), parsed once and matched against
/// the elements of an ``HTMLDocument``.
///
/// Supported: type (`div`) and universal (`*`) selectors, `#id`, `.class`, attributes (`[name]`,
/// `[name=value]`, `~=`, `|=`, `^=`, `$=`, `*=`, with an ` i` flag for case-insensitive values),
/// the pseudo-classes `:not(list)`, `:first-child`, `:last-child`, `:only-child`, `:empty` and
/// `:root`, the combinators descendant (space), child (`>`), next sibling (`+`) and later sibling
/// (`~`), and lists (`,`). Element and attribute names match without regard to case (libxml2
/// lowercases them); classes, ids and values match exactly, as in HTML's no-quirks mode.
public struct CSSSelector: Sendable, Hashable, CustomStringConvertible {
    /// A mistake in a selector, with the 0-based character offset where it was found.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong and what was expected.
        public var message: String
        /// The character offset in the selector text.
        public var offset: Int
        public var description: String { "\(message) (at character \(offset + 1))" }
    }

    /// The text it was parsed from.
    public let source: String
    /// The alternatives of the list.
    let alternatives: [Complex]

    /// A compound selector chain, stored right to left: `a > b c` is `[c, (b, descendant), (a, child)]`.
    struct Complex: Sendable, Hashable {
        /// The rightmost compound, which the matched element itself must satisfy.
        var subject: Compound
        /// The compounds to its left, each with the combinator that joins it to the one after.
        var ancestors: [(Combinator, Compound)]

        static func == (lhs: Complex, rhs: Complex) -> Bool {
            lhs.subject == rhs.subject && lhs.ancestors.map(\.0) == rhs.ancestors.map(\.0) && lhs.ancestors.map(\.1) == rhs.ancestors.map(\.1)
        }
        func hash(into hasher: inout Hasher) {
            hasher.combine(subject)
            for (combinator, compound) in ancestors {
                hasher.combine(combinator)
                hasher.combine(compound)
            }
        }
    }

    enum Combinator: Sendable, Hashable { case descendant, child, nextSibling, laterSibling }

    /// Conditions on one element, all of which must hold.
    struct Compound: Sendable, Hashable {
        var tag: String?
        var conditions: [Condition] = []
    }

    indirect enum Condition: Sendable, Hashable {
        case id(String)
        case className(String)
        case attribute(name: String, operation: AttributeOperation?, value: String, ignoreCase: Bool)
        case not([Complex])
        case firstChild, lastChild, onlyChild, empty, root
    }

    enum AttributeOperation: String, Sendable, Hashable {
        case equals = "=", includes = "~=", dashMatch = "|=", prefix = "^=", suffix = "$=", substring = "*="
    }

    /// Parses a selector list.
    public init(_ text: String) throws(ParseError) {
        var parser = Parser(Array(text.unicodeScalars))
        alternatives = try parser.list(nested: false)
        source = text
    }

    public var description: String { source }

    public static func == (lhs: CSSSelector, rhs: CSSSelector) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// Every element of `page` the selector matches, in document order.
    public func matches(in page: HTMLDocument) -> [Int] {
        var result: [Int] = []
        for index in 0..<page.count where page[index].isElement && matches(index, in: page) {
            result.append(index)
        }
        return result
    }

    /// Whether the element at `index` matches.
    public func matches(_ index: Int, in page: HTMLDocument) -> Bool {
        alternatives.contains { Self.matches($0, index, page) }
    }

    // MARK: Matching

    static func matches(_ complex: Complex, _ index: Int, _ page: HTMLDocument) -> Bool {
        guard matches(complex.subject, index, page) else { return false }
        return matchesLeft(complex.ancestors[...], from: index, page)
    }

    /// Whether the compounds to the left (nearest first) can be satisfied starting from `index`.
    static func matchesLeft(_ rest: ArraySlice<(Combinator, Compound)>, from index: Int, _ page: HTMLDocument) -> Bool {
        guard let (combinator, compound) = rest.first else { return true }
        let tail = rest.dropFirst()
        switch combinator {
        case .child:
            guard let parent = page.parent(of: index) else { return false }
            return matches(compound, parent, page) && matchesLeft(tail, from: parent, page)
        case .descendant:
            var current = page.parent(of: index)
            while let ancestor = current {
                if matches(compound, ancestor, page), matchesLeft(tail, from: ancestor, page) { return true }
                current = page.parent(of: ancestor)
            }
            return false
        case .nextSibling:
            guard let previous = previousElementSibling(of: index, page) else { return false }
            return matches(compound, previous, page) && matchesLeft(tail, from: previous, page)
        case .laterSibling:
            var current = previousElementSibling(of: index, page)
            while let sibling = current {
                if matches(compound, sibling, page), matchesLeft(tail, from: sibling, page) { return true }
                current = previousElementSibling(of: sibling, page)
            }
            return false
        }
    }

    static func matches(_ compound: Compound, _ index: Int, _ page: HTMLDocument) -> Bool {
        let node = page[index]
        guard node.isElement else { return false }
        if let tag = compound.tag, node.name != tag { return false }
        for condition in compound.conditions where !holds(condition, index, node, page) { return false }
        return true
    }

    static func holds(_ condition: Condition, _ index: Int, _ node: HTMLNode, _ page: HTMLDocument) -> Bool {
        switch condition {
        case .id(let id):
            return node.attribute("id") == id
        case .className(let name):
            guard let classes = node.attribute("class") else { return false }
            return classes.split(whereSeparator: \.isHTMLSpace).contains { $0 == name }
        case .attribute(let name, let operation, let expected, let ignoreCase):
            guard let found = node.attributes.first(where: { $0.name.lowercased() == name }) else { return false }
            guard let operation else { return true }
            let value = ignoreCase ? found.value.lowercased() : found.value
            let wanted = ignoreCase ? expected.lowercased() : expected
            switch operation {
            case .equals: return value == wanted
            case .includes: return !wanted.isEmpty && value.split(whereSeparator: \.isHTMLSpace).contains { $0 == wanted }
            case .dashMatch: return value == wanted || value.hasPrefix(wanted + "-")
            case .prefix: return !wanted.isEmpty && value.hasPrefix(wanted)
            case .suffix: return !wanted.isEmpty && value.hasSuffix(wanted)
            case .substring: return !wanted.isEmpty && value.contains(wanted)
            }
        case .not(let list):
            return !list.contains { matches($0, index, page) }
        case .firstChild:
            return page.parent(of: index) != nil && previousElementSibling(of: index, page) == nil
        case .lastChild:
            return page.parent(of: index) != nil && nextElementSibling(of: index, page) == nil
        case .onlyChild:
            return page.parent(of: index) != nil && previousElementSibling(of: index, page) == nil && nextElementSibling(of: index, page) == nil
        case .empty:
            return page.descendants(of: index).allSatisfy { !page[$0].isElement && (page[$0].text.isEmpty) }
        case .root:
            return index == page.root
        }
    }

    static func previousElementSibling(of index: Int, _ page: HTMLDocument) -> Int? {
        var current = previousSibling(of: index, page)
        while let sibling = current {
            if page[sibling].isElement { return sibling }
            current = previousSibling(of: sibling, page)
        }
        return nil
    }

    /// The sibling before `index`: the node just before it in document order is the last node of
    /// that sibling's subtree, so it is found by going up from there (steps: the depth, not the
    /// number of siblings, which a hostile page can make huge).
    static func previousSibling(of index: Int, _ page: HTMLDocument) -> Int? {
        guard let parent = page.parent(of: index), index - 1 > parent else { return nil }
        var current = index - 1
        while let up = page.parent(of: current), up != parent { current = up }
        return current
    }

    static func nextElementSibling(of index: Int, _ page: HTMLDocument) -> Int? {
        var current = page.nextSibling(of: index)
        while let sibling = current {
            if page[sibling].isElement { return sibling }
            current = page.nextSibling(of: sibling)
        }
        return nil
    }

    // MARK: Parsing

    struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        func fail(_ message: String, at offset: Int? = nil) -> ParseError {
            ParseError(message: message, offset: offset ?? position)
        }

        mutating func skipSpace() -> Bool {
            let start = position
            while let scalar = current, scalar.isCSSSpace { position += 1 }
            return position > start
        }

        /// A comma-separated list; inside `:not(...)` it ends at `)`.
        mutating func list(nested: Bool) throws(ParseError) -> [Complex] {
            var result: [Complex] = []
            while true {
                _ = skipSpace()
                if current == nil || (nested && current == ")") {
                    throw fail(result.isEmpty ? "empty selector" : "expected a selector after ','")
                }
                result.append(try complex(nested: nested))
                _ = skipSpace()
                guard let scalar = current else { break }
                if scalar == "," {
                    position += 1
                    continue
                }
                if nested && scalar == ")" { break }
                throw fail("unexpected '\(scalar)'; expected ',', a combinator or the end of the selector")
            }
            return result
        }

        mutating func complex(nested: Bool) throws(ParseError) -> Complex {
            var compounds: [Compound] = [try compound()]
            var combinators: [Combinator] = []
            while true {
                let hadSpace = skipSpace()
                guard let scalar = current, scalar != ",", !(nested && scalar == ")") else { break }
                var combinator = Combinator.descendant
                switch scalar {
                case ">": combinator = .child
                case "+": combinator = .nextSibling
                case "~": combinator = .laterSibling
                default:
                    guard hadSpace else { throw fail("unexpected '\(scalar)'; expected a combinator (' ', '>', '+', '~') or ','") }
                }
                if combinator != .descendant {
                    position += 1
                    _ = skipSpace()
                    guard current != nil, current != ",", current != ")" else { throw fail("expected a selector after '\(scalar)'") }
                }
                combinators.append(combinator)
                compounds.append(try compound())
            }
            let subject = compounds.removeLast()
            var ancestors: [(Combinator, Compound)] = []
            for (combinator, compound) in zip(combinators, compounds).reversed() { ancestors.append((combinator, compound)) }
            return Complex(subject: subject, ancestors: ancestors)
        }

        mutating func compound() throws(ParseError) -> Compound {
            var result = Compound()
            let start = position
            if current == "*" {
                position += 1
            } else if let scalar = current, scalar.isCSSNameStart {
                result.tag = try name("an element name").lowercased()
            }
            while let scalar = current {
                switch scalar {
                case "#":
                    position += 1
                    result.conditions.append(.id(try name("an id after '#'")))
                case ".":
                    position += 1
                    result.conditions.append(.className(try name("a class name after '.'")))
                case "[":
                    position += 1
                    result.conditions.append(try attribute())
                case ":":
                    position += 1
                    result.conditions.append(try pseudoClass())
                default:
                    if position == start { throw fail("expected an element name, '*', '#id', '.class', '[attribute]' or ':not(...)', found '\(scalar)'") }
                    return result
                }
            }
            if position == start { throw fail("expected a selector") }
            return result
        }

        mutating func name(_ what: String) throws(ParseError) -> String {
            var result = ""
            while let scalar = current {
                if scalar == "\\" {
                    position += 1
                    guard let escaped = current else { throw fail("a backslash ends the selector") }
                    result.unicodeScalars.append(escaped)
                    position += 1
                } else if scalar.isCSSName {
                    result.unicodeScalars.append(scalar)
                    position += 1
                } else {
                    break
                }
            }
            if result.isEmpty { throw fail("expected \(what)") }
            return result
        }

        mutating func attribute() throws(ParseError) -> Condition {
            _ = skipSpace()
            let attributeName = try name("an attribute name after '['").lowercased()
            _ = skipSpace()
            guard let scalar = current else { throw fail("'[' is not closed; expected ']'") }
            if scalar == "]" {
                position += 1
                return .attribute(name: attributeName, operation: nil, value: "", ignoreCase: false)
            }
            var operation: AttributeOperation?
            if scalar == "=" {
                operation = .equals
                position += 1
            } else if position + 1 < scalars.count, scalars[position + 1] == "=",
                      let found = AttributeOperation(rawValue: String(scalar) + "=") {
                operation = found
                position += 2
            }
            guard let operation else { throw fail("expected ']' or an operator (=, ~=, |=, ^=, $=, *=) after the attribute name") }
            _ = skipSpace()
            var value = ""
            if let quote = current, quote == "\"" || quote == "'" {
                let open = position
                position += 1
                while let scalar = current, scalar != quote {
                    if scalar == "\\" { position += 1 }
                    if let escaped = current { value.unicodeScalars.append(escaped) }
                    position += 1
                }
                guard current == quote else { throw fail("the quoted value is not closed", at: open) }
                position += 1
            } else {
                value = try name("a value (a name or a quoted string)")
            }
            _ = skipSpace()
            var ignoreCase = false
            if let flag = current, flag == "i" || flag == "I" || flag == "s" || flag == "S" {
                ignoreCase = flag == "i" || flag == "I"
                position += 1
                _ = skipSpace()
            }
            guard current == "]" else { throw fail("expected ']' to close the attribute selector") }
            position += 1
            return .attribute(name: attributeName, operation: operation, value: value, ignoreCase: ignoreCase)
        }

        mutating func pseudoClass() throws(ParseError) -> Condition {
            let start = position
            let pseudo = try name("a pseudo-class after ':'").lowercased()
            switch pseudo {
            case "not":
                guard current == "(" else { throw fail("expected '(' after ':not'") }
                position += 1
                let inner = try list(nested: true)
                guard current == ")" else { throw fail("':not(' is not closed; expected ')'") }
                position += 1
                return .not(inner)
            case "first-child": return .firstChild
            case "last-child": return .lastChild
            case "only-child": return .onlyChild
            case "empty": return .empty
            case "root": return .root
            default:
                throw fail("unsupported pseudo-class ':\(pseudo)'; supported: :not(), :first-child, :last-child, :only-child, :empty, :root", at: start - 1)
            }
        }
    }
}

extension Unicode.Scalar {
    var isCSSSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\u{0C}" }
    var isCSSNameStart: Bool { properties.isAlphabetic || self == "_" || self == "-" || value >= 0x80 || self == "\\" }
    var isCSSName: Bool { isCSSNameStart || ("0"..."9").contains(self) }
}

extension Character {
    /// ASCII whitespace as HTML defines it (class lists and token lists split on it).
    var isHTMLSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\u{0C}" }
}
