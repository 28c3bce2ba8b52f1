/// Turns the bytes of a text file into a String: BOM, valid UTF-8, then windows-1252.
public enum TextDecoding {
    /// The decoded text and the encoding used, with how it was decided.
    public struct Result: Sendable {
        /// The text, without a BOM.
        public var text: String
        /// The encoding, such as "UTF-8 (BOM)", "UTF-8", "UTF-16LE (BOM)" or "windows-1252 (fallback)".
        public var encoding: String
    }

    /// Decodes bytes: a BOM decides first; valid UTF-8 is UTF-8; anything else is windows-1252.
    public static func decode(_ bytes: [UInt8]) -> Result {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Result(text: String(decoding: bytes[3...], as: UTF8.self), encoding: "UTF-8 (BOM)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return Result(text: decodeUTF16(bytes[2...], littleEndian: true), encoding: "UTF-16LE (BOM)")
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return Result(text: decodeUTF16(bytes[2...], littleEndian: false), encoding: "UTF-16BE (BOM)")
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Result(text: text, encoding: "UTF-8")
        }
        return Result(text: decodeWindows1252(bytes), encoding: "windows-1252 (fallback: not valid UTF-8)")
    }

    /// Decodes UTF-16 code units, replacing unpaired surrogates.
    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The characters of windows-1252's bytes 0x80...0x9F (0 where the byte is undefined).
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Decodes windows-1252 (undefined bytes map to the C1 control of the same value, as browsers do).
    public static func decodeWindows1252<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            var value = UInt32(byte)
            if byte >= 0x80 && byte <= 0x9F, windows1252High[Int(byte - 0x80)] != 0 {
                value = windows1252High[Int(byte - 0x80)]
            }
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }
}
