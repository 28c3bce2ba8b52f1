/// The character encoding chosen for a page, and how it was chosen.
public struct DetectedEncoding: Sendable, Hashable, CustomStringConvertible {
    /// How the encoding was decided, in order of precedence.
    public enum Source: String, Sendable, Hashable {
        /// A byte order mark at the start of the input.
        case bom
        /// The bytes validate as UTF-8 (pure ASCII counts too).
        case validUTF8
        /// A `<meta charset>`, `<meta http-equiv="Content-Type">` or `<?xml encoding?>` declaration.
        case declared
        /// Nothing else applied: windows-1252 (or UTF-8 when the bytes are mostly valid UTF-8).
        case fallback
    }

    /// Canonical encoding name: "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-2", "Shift_JIS", …
    public var name: String
    /// How the encoding was decided.
    public var source: Source
    /// Length of the byte order mark to skip (0, 2 or 3).
    public var bomLength: Int

    /// Creates a detected encoding.
    public init(name: String, source: Source, bomLength: Int = 0) {
        self.name = name
        self.source = source
        self.bomLength = bomLength
    }

    /// True for "UTF-8".
    public var isUTF8: Bool { name == "UTF-8" }
    /// True for "UTF-16LE" or "UTF-16BE".
    public var isUTF16: Bool { name == "UTF-16LE" || name == "UTF-16BE" }

    /// For example "windows-1252 (declared)".
    public var description: String { "\(name) (\(source.rawValue))" }
}

extension DetectedEncoding {
    /// Maps a declared charset label to its canonical name, or nil for an unknown label.
    ///
    /// Follows browser practice: "iso-8859-1", "latin1" and "us-ascii" mean windows-1252, and a
    /// declared UTF-16 inside an ASCII-compatible page means UTF-8.
    public static func canonicalName(forLabel label: String) -> String? {
        let key = String(label.lowercased().compactMap { $0.isWhitespace ? nil : ($0 == "_" ? "-" : $0) })
        if let name = aliases[key] { return name }
        if let number = key.dropPrefix(["windows-", "cp", "x-cp"]).flatMap(Int.init), (1250...1258).contains(number) {
            return "windows-\(number)"
        }
        if let number = key.dropPrefix(["iso-8859-", "iso8859-", "iso-8859", "iso8859"]).flatMap(Int.init),
           (2...16).contains(number), number != 12 {
            return "ISO-8859-\(number)"
        }
        return nil
    }

    private static let aliases: [String: String] = {
        var table: [String: String] = [:]
        let groups: [(String, [String])] = [
            ("UTF-8", ["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8",
                       "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2", "unicodefffe"]),
            ("windows-1252", ["iso-8859-1", "iso8859-1", "iso-88591", "latin1", "l1", "us-ascii", "ascii",
                              "ansi-x3.4-1968", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "x-user-defined",
                              "windows-1252", "cp1252", "x-cp1252", "iso-8859-1:1987"]),
            ("ISO-8859-2", ["latin2", "l2", "csisolatin2", "iso-ir-101"]),
            ("ISO-8859-5", ["cyrillic", "csisolatincyrillic", "iso-ir-144"]),
            ("ISO-8859-7", ["greek", "greek8", "csisolatingreek", "iso-ir-126"]),
            ("ISO-8859-15", ["latin9", "l9", "iso-8859-15", "csisolatin9"]),
            ("windows-1254", ["iso-8859-9", "iso8859-9", "latin5", "l5", "csisolatin5", "iso-ir-148"]),
            ("windows-874", ["windows-874", "tis-620", "iso-8859-11", "dos-874"]),
            ("Shift_JIS", ["shift-jis", "sjis", "x-sjis", "ms-kanji", "ms932", "windows-31j", "cp932",
                           "csshiftjis"]),
            ("EUC-JP", ["euc-jp", "x-euc-jp", "cseucpkdfmtjapanese"]),
            ("ISO-2022-JP", ["iso-2022-jp", "csiso2022jp"]),
            ("EUC-KR", ["euc-kr", "ks-c-5601-1987", "ks-c-5601-1989", "ksc5601", "korean", "windows-949", "cp949"]),
            ("GBK", ["gbk", "gb2312", "gb-2312", "gb-2312-80", "x-gbk", "cp936", "csgb2312", "chinese"]),
            ("GB18030", ["gb18030"]),
            ("Big5", ["big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"]),
            ("KOI8-R", ["koi8-r", "koi8", "koi", "cskoi8r"]),
            ("KOI8-U", ["koi8-u", "koi8-ru"]),
            ("IBM866", ["ibm866", "cp866", "866", "csibm866"]),
            ("macintosh", ["macintosh", "mac", "x-mac-roman", "csmacintosh"]),
        ]
        for (name, labels) in groups {
            for label in labels { table[label] = name }
        }
        return table
    }()
}

extension String {
    fileprivate func dropPrefix(_ prefixes: [String]) -> String? {
        for prefix in prefixes where hasPrefix(prefix) { return String(dropFirst(prefix.count)) }
        return nil
    }
}
