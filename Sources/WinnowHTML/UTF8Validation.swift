extension EncodingSniffer {
    /// True when `bytes` are well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values past U+10FFFF).
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    /// True when the bytes in `buffer` are well-formed UTF-8.
    public static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while true {
            index = skipASCII(buffer, from: index)
            if index == buffer.count { return true }
            let length = sequenceLength(buffer, at: index)
            if length == 0 { return false }
            index += length
        }
    }

    /// Counts valid multi-byte sequences and invalid bytes (each invalid byte is skipped alone).
    static func utf8Statistics(_ buffer: UnsafeBufferPointer<UInt8>) -> (multiByte: Int, invalid: Int) {
        var index = 0
        var multiByte = 0
        var invalid = 0
        while true {
            index = skipASCII(buffer, from: index)
            if index == buffer.count { return (multiByte, invalid) }
            let length = sequenceLength(buffer, at: index)
            if length == 0 {
                invalid += 1
                index += 1
            } else {
                multiByte += 1
                index += length
            }
        }
    }

    /// Copies `bytes`, replacing each ill-formed byte with U+FFFD so libxml2 sees valid UTF-8.
    static func repairUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count + buffer.count / 8)
        var index = 0
        while index < buffer.count {
            let next = skipASCII(buffer, from: index)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<next]))
            index = next
            guard index < buffer.count else { break }
            let length = sequenceLength(buffer, at: index)
            if length == 0 {
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index += 1
            } else {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<index + length]))
                index += length
            }
        }
        return output
    }

    /// Index of the first non-ASCII byte at or after `start` (or `buffer.count`), eight bytes at a time.
    @inline(__always)
    static func skipASCII(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = buffer.baseAddress else { return buffer.count }
        let raw = UnsafeRawPointer(base)
        var index = start
        let count = buffer.count
        while index + 16 <= count {
            let first = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let second = raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
            if (first | second) & 0x8080_8080_8080_8080 != 0 { break }
            index += 16
        }
        while index < count, base[index] < 0x80 { index += 1 }
        return index
    }

    /// Length (2–4) of the well-formed UTF-8 sequence starting with a non-ASCII byte at `index`, or 0.
    @inline(__always)
    static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = buffer.count
        let lead = buffer[index]
        @inline(__always) func continuation(_ offset: Int) -> Bool {
            index + offset < count && buffer[index + offset] & 0xC0 == 0x80
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard index + 2 < count, continuation(2) else { return 0 }
            let second = buffer[index + 1]
            switch lead {
            case 0xE0: return (0xA0...0xBF).contains(second) ? 3 : 0
            case 0xED: return (0x80...0x9F).contains(second) ? 3 : 0
            default: return second & 0xC0 == 0x80 ? 3 : 0
            }
        case 0xF0...0xF4:
            guard index + 3 < count, continuation(2), continuation(3) else { return 0 }
            let second = buffer[index + 1]
            switch lead {
            case 0xF0: return (0x90...0xBF).contains(second) ? 4 : 0
            case 0xF4: return (0x80...0x8F).contains(second) ? 4 : 0
            default: return second & 0xC0 == 0x80 ? 4 : 0
            }
        default:
            return 0
        }
    }
}
