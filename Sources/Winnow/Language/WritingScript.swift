/// The writing system of a letter, as far as language identification needs it.
///
/// Scripts used by one language only (Greek, Hangul, Thai...) decide the language alone; Latin,
/// Cyrillic, Arabic and Devanagari are shared, and the n-gram model decides among their languages.
enum WritingScript: UInt8, CaseIterable, Sendable {
    case latin, cyrillic, arabic, devanagari
    case greek, armenian, hebrew, georgian, thai, lao, khmer, myanmar, ethiopic, thaana, tibetan
    case bengali, gurmukhi, gujarati, oriya, tamil, telugu, kannada, malayalam, sinhala
    case hangul, han, kana
    case other

    /// The script of an alphabetic scalar (the caller checks that it is a letter).
    @inline(__always)
    static func of(_ v: UInt32) -> WritingScript {
        switch v {
        case 0x41...0x24F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFF21...0xFF5A: return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return .cyrillic
        case 0x530...0x58F, 0xFB13...0xFB17: return .armenian
        case 0x590...0x5FF, 0xFB1D...0xFB4F: return .hebrew
        case 0x600...0x6FF, 0x750...0x77F, 0x870...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x780...0x7BF: return .thaana
        case 0x900...0x97F, 0xA8E0...0xA8FF: return .devanagari
        case 0x980...0x9FF: return .bengali
        case 0xA00...0xA7F: return .gurmukhi
        case 0xA80...0xAFF: return .gujarati
        case 0xB00...0xB7F: return .oriya
        case 0xB80...0xBFF: return .tamil
        case 0xC00...0xC7F: return .telugu
        case 0xC80...0xCFF: return .kannada
        case 0xD00...0xD7F: return .malayalam
        case 0xD80...0xDFF: return .sinhala
        case 0xE00...0xE7F: return .thai
        case 0xE80...0xEFF: return .lao
        case 0xF00...0xFFF: return .tibetan
        case 0x1000...0x109F: return .myanmar
        case 0x10A0...0x10FF, 0x1C90...0x1CBF, 0x2D00...0x2D2F: return .georgian
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7FF: return .hangul
        case 0x1200...0x139F, 0x2D80...0x2DDF: return .ethiopic
        case 0x1780...0x17FF: return .khmer
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: return .han
        default: return .other
        }
    }

    /// The language a script decides on its own, or nil for the shared scripts (and `other`).
    /// Han and kana are resolved together (Japanese when kana are present in earnest).
    var soleLanguage: String? {
        switch self {
        case .greek: "el"
        case .armenian: "hy"
        case .hebrew: "he"
        case .georgian: "ka"
        case .thai: "th"
        case .lao: "lo"
        case .khmer: "km"
        case .myanmar: "my"
        case .ethiopic: "am"
        case .thaana: "dv"
        case .tibetan: "bo"
        case .bengali: "bn"
        case .gurmukhi: "pa"
        case .gujarati: "gu"
        case .oriya: "or"
        case .tamil: "ta"
        case .telugu: "te"
        case .kannada: "kn"
        case .malayalam: "ml"
        case .sinhala: "si"
        case .hangul: "ko"
        case .han: "zh"
        case .kana: "ja"
        case .latin, .cyrillic, .arabic, .devanagari, .other: nil
        }
    }
}
