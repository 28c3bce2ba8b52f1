import CLibXML2
import Testing
import WinnowHTML

/// Compresses bytes into one gzip member with zlib (test fixture helper).
func gzip(_ input: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    let status = deflateInit2_(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                               Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK)
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
    var source = input
    let produced = source.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer -> Int in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            stream.next_out = outBuffer.baseAddress
            stream.avail_out = UInt32(outBuffer.count)
            precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
            return outBuffer.count - Int(stream.avail_out)
        }
    }
    return Array(output[..<produced])
}

@Suite("HTMLInput")
struct HTMLInputTests {
    let page = Array(String(repeating: "<p>Hello, gzip world! ☃</p>\n", count: 500).utf8)

    @Test("gzip round trip")
    func roundTrip() throws {
        let compressed = gzip(page)
        #expect(HTMLInput.isGzip(compressed))
        #expect(try HTMLInput.inflateGzip(compressed) == page)
        #expect(try HTMLInput.inflateIfGzip(compressed) == page)
        #expect(try HTMLInput.inflateIfGzip(page) == page)
    }

    @Test("concatenated gzip members inflate to the concatenation")
    func concatenated() throws {
        #expect(try HTMLInput.inflateGzip(gzip(page) + gzip(Array("tail".utf8))) == page + Array("tail".utf8))
    }

    @Test("empty payload")
    func emptyPayload() throws {
        #expect(try HTMLInput.inflateGzip(gzip([])) == [])
    }

    @Test("a gzip bomb stops at the cap")
    func bomb() throws {
        let bomb = gzip([UInt8](repeating: 0, count: 20 << 20))
        #expect(bomb.count < 100_000)
        #expect(throws: HTMLInputError.inflatesPastLimit(1 << 20)) { try HTMLInput.inflateGzip(bomb, maxBytes: 1 << 20) }
        // Exactly at the limit is fine.
        #expect(try HTMLInput.inflateGzip(gzip(page), maxBytes: page.count).count == page.count)
        #expect(throws: HTMLInputError.inflatesPastLimit(page.count - 1)) {
            try HTMLInput.inflateGzip(gzip(page), maxBytes: page.count - 1)
        }
    }

    @Test("truncated gzip is a clear error")
    func truncated() {
        let compressed = gzip(page)
        let cut = Array(compressed[..<(compressed.count / 2)])
        #expect {
            try HTMLInput.inflateGzip(cut)
        } throws: { error in
            guard case .truncated = error as? HTMLInputError else { return false }
            return (error as? HTMLInputError)?.description.contains("truncated") == true
        }
        #expect(throws: HTMLInputError.self) { try HTMLInput.inflateGzip(Array(compressed.dropLast(4))) }
    }

    @Test("corrupt and non-gzip input are errors")
    func corrupt() {
        var compressed = gzip(page)
        compressed[2] = 0x07  // unknown compression method
        #expect {
            try HTMLInput.inflateGzip(compressed)
        } throws: { error in
            guard case .corrupt(let message) = error as? HTMLInputError else { return false }
            return !message.isEmpty
        }
        #expect(throws: HTMLInputError.notGzip) { try HTMLInput.inflateGzip(page) }
    }

    @Test("inflated pages parse")
    func parseAfterInflate() throws {
        let document = try HTMLParser.parse(try HTMLInput.inflateGzip(gzip(page)))
        #expect(document.elements(named: .p).count == 500)
    }
}
