/// A JSON value built in memory and serialized by hand, so that output is byte-for-byte stable.
///
/// Object keys are written sorted by their UTF-8 bytes; strings keep non-ASCII characters and
/// `/` as they are and escape only `"`, `\` and control characters; numbers use Swift's
/// shortest round-trip form. The same value always gives the same bytes, on every platform.
enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A floating-point number; NaN and infinities are written as `null`.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; keys are sorted when written.
    case object([String: JSONValue])

    /// The value as UTF-8 JSON: compact on one line, or pretty with two-space indentation.
    func serialized(pretty: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(into: &output, pretty: pretty, depth: 0)
        return output
    }

    /// Appends the value's JSON to `output`; `depth` is the nesting level, for indentation.
    func write(into output: inout [UInt8], pretty: Bool, depth: Int) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value):
            output.append(contentsOf: String(value).utf8)
        case .double(let value):
            output.append(contentsOf: (value.isFinite ? "\(value)" : "null").utf8)
        case .string(let value):
            Self.writeString(value, into: &output)
        case .array(let values):
            writeContainer(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), count: values.count, into: &output, pretty: pretty, depth: depth) { index, output in
                values[index].write(into: &output, pretty: pretty, depth: depth + 1)
            }
        case .object(let members):
            // The members sorted by key, values alongside (no second look-up per key).
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            writeContainer(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: sorted.count, into: &output, pretty: pretty, depth: depth) { index, output in
                Self.writeString(sorted[index].key, into: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                sorted[index].value.write(into: &output, pretty: pretty, depth: depth + 1)
            }
        }
    }

    /// Writes brackets around `count` elements, with commas, and newlines and indentation when pretty.
    private func writeContainer(open: UInt8, close: UInt8, count: Int, into output: inout [UInt8], pretty: Bool, depth: Int, element: (Int, inout [UInt8]) -> Void) {
        output.append(open)
        guard count > 0 else {
            output.append(close)
            return
        }
        for index in 0..<count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            if pretty { Self.newline(into: &output, depth: depth + 1) }
            element(index, &output)
        }
        if pretty { Self.newline(into: &output, depth: depth) }
        output.append(close)
    }

    /// A line break followed by two spaces per level.
    private static func newline(into output: inout [UInt8], depth: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// Hexadecimal digits for `\u00XX` escapes.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal. UTF-8 continuation bytes are all ≥ 0x80, so escaping byte by byte is safe.
    static func writeString(_ value: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                runStart = index + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                case UInt8(ascii: "\n"): output.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): output.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): output.append(UInt8(ascii: "t"))
                default:
                    output.append(UInt8(ascii: "u"))
                    output.append(UInt8(ascii: "0"))
                    output.append(UInt8(ascii: "0"))
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        output.append(UInt8(ascii: "\""))
    }
}
