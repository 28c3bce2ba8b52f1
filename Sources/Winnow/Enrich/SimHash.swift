/// A 64-bit SimHash (Charikar) of a text's word shingles, for finding near-duplicate pages.
///
/// Words are lowercased runs of letters and digits; features are overlapping three-word
/// shingles (or the words of a text shorter than three), hashed with 64-bit FNV-1a, so the value
/// is the same on every machine and run. Two texts that differ in a few words get hashes that
/// differ in a few bits: a Hamming distance of 3 or less out of 64 marks near-duplicates.
public enum SimHash {
    /// The SimHash of `text`; 0 for a text without words.
    public static func hash(_ text: String) -> UInt64 {
        var words: [UInt64] = []
        var current: UInt64 = offsetBasis
        var inWord = false
        func take(_ scalar: Unicode.Scalar) {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current = mix(current, scalar.value)
                inWord = true
            } else if inWord {
                words.append(current)
                current = offsetBasis
                inWord = false
            }
        }
        // As over `text.lowercased()` (which maps each scalar by its full lowercase mapping),
        // without building that string; ASCII takes a fast path.
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                let lower = byte | 0x20
                if lower >= 0x61 && lower <= 0x7A {
                    current = mix(current, UInt32(lower))
                    inWord = true
                } else if byte >= 0x30 && byte <= 0x39 {
                    current = mix(current, value)
                    inWord = true
                } else if inWord {
                    words.append(current)
                    current = offsetBasis
                    inWord = false
                }
            } else if scalar.properties.changesWhenLowercased {
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars { take(lowered) }
            } else {
                take(scalar)
            }
        }
        if inWord { words.append(current) }
        guard !words.isEmpty else { return 0 }
        // A bit is set when more features have it than not (its +1/-1 weight is positive). The
        // features' bits are counted eight at a time: each byte of a feature adds its bits,
        // spread one to a byte, to a counter of eight byte-wide lanes, emptied every 255 features.
        var ones = [Int](repeating: 0, count: 64)
        var lanes = [UInt64](repeating: 0, count: 8)
        var pending = 0
        var features = 0
        func flush() {
            for byte in 0..<8 {
                for lane in 0..<8 { ones[byte * 8 + lane] += Int((lanes[byte] >> UInt64(lane * 8)) & 0xFF) }
                lanes[byte] = 0
            }
            pending = 0
        }
        func add(_ feature: UInt64) {
            for byte in 0..<8 { lanes[byte] &+= spread[Int((feature >> UInt64(byte * 8)) & 0xFF)] }
            pending += 1
            features += 1
            if pending == 255 { flush() }
        }
        if words.count < 3 {
            for word in words { add(finish(word)) }
        } else {
            for index in 0...(words.count - 3) {
                add(finish(mix(mix(words[index], UInt32(truncatingIfNeeded: words[index + 1])), UInt32(truncatingIfNeeded: words[index + 2] >> 7))))
            }
        }
        flush()
        var result: UInt64 = 0
        for bit in 0..<64 where 2 * ones[bit] > features { result |= 1 << UInt64(bit) }
        return result
    }

    /// The eight bits of a byte spread to the low bits of eight bytes (bit i to byte i).
    static let spread: [UInt64] = (0..<256).map { byte in
        var value: UInt64 = 0
        for bit in 0..<8 where (byte >> bit) & 1 == 1 { value |= 1 << UInt64(bit * 8) }
        return value
    }

    /// The number of bits in which two hashes differ.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// A hash as 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// FNV-1a 64-bit offset basis.
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a 64-bit prime.
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// `prime` to the fourth power (wrapping): four FNV-1a steps over a byte and three zeros.
    static let prime4: UInt64 = prime &* prime &* prime &* prime

    /// One FNV-1a step over the four bytes of a value.
    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        // A value below 0x100 (ASCII letters and digits): XOR-ing in its three zero bytes changes
        // nothing, so the four multiplications are one by `prime4`.
        if value < 0x100 { return (hash ^ UInt64(value)) &* prime4 }
        var hash = hash
        for shift in stride(from: 0, to: 32, by: 8) {
            hash ^= UInt64((value >> UInt32(shift)) & 0xFF)
            hash = hash &* prime
        }
        return hash
    }

    /// Spreads the bits of an FNV value (a 64-bit finalizer), so every bit of a feature is even.
    static func finish(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x = x &* 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }
}
