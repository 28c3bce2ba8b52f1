import Foundation
import Testing
@testable import WinnowHTML

/// libdeflate's fast path inflates exactly what zlib inflates, and leaves everything else to zlib.
@Suite("FastInflate")
struct FastInflateTests {
    /// Both ways's result: the bytes or the error.
    static func outcomes(_ bytes: [UInt8], maxBytes: Int = 64 << 20) -> (fast: Result<[UInt8], HTMLInputError>, zlib: Result<[UInt8], HTMLInputError>) {
        (Result { () throws(HTMLInputError) in try HTMLInput.inflateGzip(bytes, maxBytes: maxBytes, fast: true) },
         Result { () throws(HTMLInputError) in try HTMLInput.inflateGzip(bytes, maxBytes: maxBytes, fast: false) })
    }

    /// Whether libdeflate answers for `bytes` itself.
    static func answersFast(_ bytes: [UInt8], maxBytes: Int = 64 << 20) -> Bool {
        bytes.withUnsafeBufferPointer { FastInflate.inflate($0, maxBytes: maxBytes) != nil }
    }

    static func sample(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // Text-like: mostly a small alphabet, so it compresses, with some noise.
            return index % 7 == 0 ? UInt8(truncatingIfNeeded: state >> 33) : UInt8(0x61 + (state >> 40) % 12)
        }
    }

    @Test("plain members inflate the same both ways (libdeflate answers when the system has it)")
    func plainMembers() throws {
        for (count, seed) in [(0, 1), (1, 2), (100, 3), (70_000, 4), (1_000_000, 5)] as [(Int, UInt64)] {
            let original = Self.sample(count, seed: seed)
            let packed = try Gzip.compress(original, level: count % 2 == 0 ? 6 : 1)
            let (fast, zlib) = Self.outcomes(packed)
            #expect(try fast.get() == original)
            #expect(try zlib.get() == original)
            if FastInflate.library != nil { #expect(Self.answersFast(packed)) }
        }
    }

    @Test("unusual gzip data is left to zlib: same bytes or same error")
    func leftToZlib() throws {
        let one = try Gzip.compress(Array("<p>first member</p>".utf8))
        let two = try Gzip.compress(Array("<p>second member</p>".utf8))
        let big = try Gzip.compress(Self.sample(50_000, seed: 9))
        var badCRC = big
        badCRC[badCRC.count - 6] ^= 0xFF
        var badSize = big
        badSize[badSize.count - 2] ^= 0x01
        var headerCRC = one
        headerCRC[3] |= 0x02  // FHCRC: a header checksum follows (here: garbage)
        var reserved = one
        reserved[3] |= 0x80
        var badData = big
        badData[big.count / 2] ^= 0x55
        let cases: [(String, [UInt8], Int)] = [
            ("two members", one + two, 64 << 20),
            ("trailing zeros", one + [0, 0, 0, 0], 64 << 20),
            ("trailing garbage", one + Array("junk".utf8), 64 << 20),
            ("truncated", Array(big.prefix(big.count / 2)), 64 << 20),
            ("truncated trailer", Array(big.dropLast(3)), 64 << 20),
            ("bad CRC", badCRC, 64 << 20),
            ("bad size", badSize, 64 << 20),
            ("header checksum", headerCRC, 64 << 20),
            ("reserved flags", reserved, 64 << 20),
            ("corrupt stream", badData, 64 << 20),
            ("over the limit", big, 10_000),
            ("at the limit", big, 50_000),
            ("header only", Array(one.prefix(12)), 64 << 20),
        ]
        for (name, bytes, limit) in cases {
            let (fast, zlib) = Self.outcomes(bytes, maxBytes: limit)
            #expect(fast == zlib, "\(name)")
        }
        #expect(!Self.answersFast(one + two) && !Self.answersFast(one + [0]) && !Self.answersFast(badCRC) && !Self.answersFast(headerCRC))
        #expect(!Self.answersFast(big, maxBytes: 10_000))
    }

    @Test("every page of the shared WCXB dev set inflates the same both ways",
          .enabled(if: !CorpusTests.pages.isEmpty))
    func corpus() throws {
        var different: [String] = []
        for url in CorpusTests.pages {
            let bytes = Array(try Data(contentsOf: url))
            let (fast, zlib) = Self.outcomes(bytes)
            if fast != zlib { different.append(url.lastPathComponent) }
        }
        #expect(different.isEmpty, "\(different.prefix(10))")
    }
}
