/// A kind of fix the `normalize` stage applies, named as documents and run reports count it.
///
/// Each document's ``Document/fixes`` holds, per kind's ``name``, how many fixes of that kind the
/// stage made; the runner sums them into the run report.
public enum NormalizeFix: Int, CaseIterable, Sendable {
    /// An HTML entity (`&amp;`, `&#8217;`) decoded to its character.
    case htmlEntity
    /// A mojibake sequence (UTF-8 read as windows-1252 or Latin-1) repaired to its character.
    case mojibake
    /// A control character removed.
    case controlCharacter
    /// A stray format character (zero-width space, soft hyphen, BOM, bidi mark) removed.
    case formatCharacter
    /// A line break other than "\n" (CR LF, CR, U+2028...) unified to "\n".
    case lineBreak
    /// A no-break or other Unicode space folded to a space.
    case unicodeSpace
    /// A run of whitespace collapsed, a tab made a space, or whitespace trimmed at a block's ends.
    case whitespace
    /// A block whose text NFC normalization changed.
    case nfc
    /// A block whose text NFKC normalization changed.
    case nfkc
    /// A curly quote or apostrophe made straight.
    case quote
    /// A dash, hyphen or minus sign made ASCII.
    case dash
    /// An ellipsis made three dots.
    case ellipsis
    /// A typographic ligature (ﬁ, ﬂ) expanded.
    case ligature
    /// A full-width form (Ａ, １, ！) made ASCII.
    case fullWidth
    /// A word broken across lines by a hyphen joined again.
    case dehyphenation
    /// A line break inside a paragraph that a scraper wrapped joined.
    case lineJoin
    /// A block left empty and dropped.
    case emptyBlock

    /// The kebab-case name counted in ``Document/fixes`` (`html-entity`, `mojibake`).
    public var name: String {
        switch self {
        case .htmlEntity: return "html-entity"
        case .mojibake: return "mojibake"
        case .controlCharacter: return "control-character"
        case .formatCharacter: return "format-character"
        case .lineBreak: return "line-break"
        case .unicodeSpace: return "unicode-space"
        case .whitespace: return "whitespace"
        case .nfc: return "nfc"
        case .nfkc: return "nfkc"
        case .quote: return "quote"
        case .dash: return "dash"
        case .ellipsis: return "ellipsis"
        case .ligature: return "ligature"
        case .fullWidth: return "full-width"
        case .dehyphenation: return "dehyphenation"
        case .lineJoin: return "line-join"
        case .emptyBlock: return "empty-block"
        }
    }
}

/// Counts of fixes per kind, kept in a fixed array so counting costs no dictionary work.
public struct NormalizeFixCounts: Sendable, Equatable {
    /// One count per ``NormalizeFix`` case, by raw value.
    private var counts = [Int](repeating: 0, count: NormalizeFix.allCases.count)

    /// Creates zero counts.
    public init() {}

    /// The count of one kind.
    public subscript(_ fix: NormalizeFix) -> Int {
        get { counts[fix.rawValue] }
        set { counts[fix.rawValue] = newValue }
    }

    /// The total over all kinds.
    public var total: Int { counts.reduce(0, +) }

    /// The non-zero counts by kebab-case name.
    public var byName: [String: Int] {
        var result: [String: Int] = [:]
        for fix in NormalizeFix.allCases where counts[fix.rawValue] > 0 {
            result[fix.name] = counts[fix.rawValue]
        }
        return result
    }

    /// Adds the non-zero counts to a document's fixes and sets these counts back to zero.
    public mutating func drain(into fixes: inout [String: Int]) {
        for fix in NormalizeFix.allCases where counts[fix.rawValue] > 0 {
            fixes[fix.name, default: 0] += counts[fix.rawValue]
            counts[fix.rawValue] = 0
        }
    }
}
