#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts page bytes to UTF-8 before libxml2 sees them.
///
/// libxml2's own converters stop the whole parse at the first unmappable byte (and print to
/// stderr), which silently truncates pages. Converting here instead maps every byte: windows-1252
/// and UTF-16 with built-in tables, anything else with iconv, and any byte iconv rejects becomes
/// U+FFFD.
enum UTF8Transcoder {
    /// The UTF-8 form of `input` in `encoding` (a ``DetectedEncoding`` name); nil when the
    /// encoding is not available on this system.
    static func convert(_ input: UnsafeBufferPointer<UInt8>, from encoding: String) -> [UInt8]? {
        switch encoding {
        case "UTF-8": return EncodingSniffer.repairUTF8(input)
        case "windows-1252": return fromWindows1252(input)
        case "UTF-16LE": return fromUTF16(input, bigEndian: false)
        case "UTF-16BE": return fromUTF16(input, bigEndian: true)
        default: return fromIconv(input, name: iconvName(for: encoding))
        }
    }

    /// Browsers decode these labels with the superset encodings; so does iconv here.
    static func iconvName(for encoding: String) -> String {
        switch encoding {
        case "Shift_JIS": return "CP932"
        case "EUC-KR": return "CP949"
        case "Big5": return "BIG5-HKSCS"
        default: return encoding
        }
    }

    /// Unicode scalars of bytes 0x80–0x9F in windows-1252 (WHATWG mapping; undefined bytes map to C1).
    private static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func fromWindows1252(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + input.count / 4)
        var index = 0
        while index < input.count {
            let next = EncodingSniffer.skipASCII(input, from: index)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<next]))
            index = next
            guard index < input.count else { break }
            let byte = input[index]
            let scalar = byte < 0xA0 ? UInt32(windows1252High[Int(byte) - 0x80]) : UInt32(byte)
            appendUTF8(scalar, to: &output)
            index += 1
        }
        return output
    }

    static func fromUTF16(_ input: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(input.count / 2)
        var index = 0
        while index + 1 < input.count {
            let first = UInt16(input[index]), second = UInt16(input[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count + units.count / 2)
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) {
            output.append($0)
        }
        if index < input.count { output.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
        return output
    }

    static func fromIconv(_ input: UnsafeBufferPointer<UInt8>, name: String) -> [UInt8]? {
        let converter = iconv_open("UTF-8", name)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 64)
        var written = 0
        guard let base = input.baseAddress else { return [] }
        var source = UnsafeMutablePointer(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
        var sourceLeft = input.count
        while sourceLeft > 0 {
            var spaceLeft = output.count - written
            let result = output.withUnsafeMutableBytes { buffer -> Int in
                var target: UnsafeMutablePointer<CChar>? = buffer.baseAddress!
                    .advanced(by: written).assumingMemoryBound(to: CChar.self)
                var sourcePointer: UnsafeMutablePointer<CChar>? = source
                let status = iconv(converter, &sourcePointer, &sourceLeft, &target, &spaceLeft)
                source = sourcePointer!
                return status
            }
            written = output.count - spaceLeft
            guard result == -1 else { break }
            if errno == E2BIG {
                output.append(contentsOf: repeatElement(0, count: output.count))
            } else {
                // EILSEQ or EINVAL: an unmappable or truncated sequence; replace one byte and go on.
                if output.count - written < 3 { output.append(contentsOf: repeatElement(0, count: 64)) }
                output.replaceSubrange(written..<written + 3, with: [0xEF, 0xBF, 0xBD])
                written += 3
                source += 1
                sourceLeft -= 1
            }
        }
        output.removeSubrange(written..<output.count)
        return output
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        if scalar < 0x80 {
            output.append(UInt8(scalar))
        } else if scalar < 0x800 {
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
