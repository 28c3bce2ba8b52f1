internal import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers for getting page bytes ready for ``HTMLParser``.
public enum HTMLInput {
    /// True when the bytes start with the gzip magic number (0x1F 0x8B).
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Inflates gzip data (one or more concatenated members) with zlib.
    ///
    /// Stops with ``HTMLInputError/inflatesPastLimit(_:)`` as soon as the output would exceed
    /// `maxBytes`, so a gzip bomb costs at most `maxBytes` of memory.
    ///
    /// A single member is first handed to libdeflate when the system has it (``FastInflate``);
    /// anything it does not inflate whole goes through zlib, so results and errors are zlib's.
    public static func inflateGzip(_ bytes: [UInt8], maxBytes: Int = 64 << 20) throws(HTMLInputError) -> [UInt8] {
        try inflateGzip(bytes, maxBytes: maxBytes, fast: true)
    }

    /// ``inflateGzip(_:maxBytes:)``, with or without trying libdeflate first (the tests compare).
    static func inflateGzip(_ bytes: [UInt8], maxBytes: Int, fast: Bool) throws(HTMLInputError) -> [UInt8] {
        guard isGzip(bytes) else { throw .notGzip }
        let result = bytes.withUnsafeBufferPointer { input in
            Result { () throws(HTMLInputError) in
                if fast, let inflated = FastInflate.inflate(input, maxBytes: maxBytes) { return inflated }
                return try inflate(input, maxBytes: maxBytes)
            }
        }
        return try result.get()
    }

    /// Returns gzip data inflated, and anything else unchanged.
    public static func inflateIfGzip(_ bytes: [UInt8], maxBytes: Int = 64 << 20) throws(HTMLInputError) -> [UInt8] {
        isGzip(bytes) ? try inflateGzip(bytes, maxBytes: maxBytes) : bytes
    }

    private static func inflate(_ input: UnsafeBufferPointer<UInt8>, maxBytes: Int) throws(HTMLInputError) -> [UInt8] {
        var stream = z_stream()
        guard winnow_inflate_init_gzip(&stream) == Z_OK else { throw .corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: initialCapacity(input, maxBytes: maxBytes))
        var produced = 0
        var consumed = 0
        while true {
            if produced == output.count {
                guard output.count < maxBytes + 1 else { throw .inflatesPastLimit(maxBytes) }
                let grown = min(max(output.count * 2, 64 << 10), maxBytes + 1)
                output.append(contentsOf: repeatElement(0, count: grown - output.count))
            }
            let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                stream.avail_in = UInt32(clamping: input.count - consumed)
                stream.next_out = out.baseAddress! + produced
                stream.avail_out = UInt32(clamping: out.count - produced)
                let inBefore = stream.avail_in, outBefore = stream.avail_out
                let status = zlibInflate(&stream)
                consumed += Int(inBefore - stream.avail_in)
                produced += Int(outBefore - stream.avail_out)
                return status
            }
            if produced > maxBytes { throw .inflatesPastLimit(maxBytes) }
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (concatenated files); trailing zero padding is ignored.
                let rest = UnsafeBufferPointer(rebasing: input[consumed...])
                guard rest.count >= 2, rest[0] == 0x1F, rest[1] == 0x8B else {
                    output.removeSubrange(produced..<output.count)
                    return output
                }
                guard inflateReset(&stream) == Z_OK else { throw .corrupt("zlib could not reset") }
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: either the output is full (grow and retry) or the input ended.
                if produced < output.count { throw .truncated(inflatedBytes: produced) }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .corrupt(message)
            }
        }
    }

    /// `inflate` with `Z_NO_FLUSH`; named apart from the enclosing function.
    @inline(__always)
    private static func zlibInflate(_ stream: inout z_stream) -> Int32 {
        CLibXML2.inflate(&stream, Z_NO_FLUSH)
    }

    /// The gzip trailer's ISIZE (inflated size mod 2^32) as a first guess, capped by the limit.
    private static func initialCapacity(_ input: UnsafeBufferPointer<UInt8>, maxBytes: Int) -> Int {
        guard input.count >= 18 else { return min(64 << 10, maxBytes + 1) }
        let tail = input.count - 4
        let size = Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16 | Int(input[tail + 3]) << 24
        return max(1, min(max(size, input.count), maxBytes + 1))
    }
}

/// libdeflate's whole-buffer gzip decompressor, about 2.5 times as fast as zlib's inflate on
/// pages, loaded at run time from the system's `libdeflate.so.0` when there is one (winnow does
/// not depend on it: without it, zlib inflates everything).
///
/// It answers only for the plain case, where it is certain to give what zlib gives: one gzip
/// member that ends the input, without a header checksum (which libdeflate skips and zlib
/// checks), whose trailer's size is within the limit and which libdeflate inflates whole, checking
/// the CRC-32 and size in the trailer as zlib does. Anything else (several members, bytes after
/// the member, a bad or truncated stream, a size past the limit) returns nil and goes to zlib,
/// which gives the result or the error it always gave.
enum FastInflate {
    typealias Allocate = @convention(c) () -> OpaquePointer?
    typealias Free = @convention(c) (OpaquePointer?) -> Void
    /// `libdeflate_gzip_decompress_ex(decompressor, in, in_nbytes, out, out_nbytes_avail,
    /// actual_in_nbytes_ret, actual_out_nbytes_ret)`; 0 is `LIBDEFLATE_SUCCESS`.
    typealias Decompress = @convention(c) (
        OpaquePointer?, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?, Int, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?
    ) -> Int32

    struct Library: Sendable {
        let allocate: Allocate
        let free: Free
        let decompress: Decompress
    }

    /// The library's functions, looked up once; nil when the system has no libdeflate.
    static let library: Library? = {
        guard let handle = dlopen("libdeflate.so.0", RTLD_NOW | RTLD_LOCAL),
            let allocate = dlsym(handle, "libdeflate_alloc_decompressor"),
            let free = dlsym(handle, "libdeflate_free_decompressor"),
            let decompress = dlsym(handle, "libdeflate_gzip_decompress_ex")
        else { return nil }
        return Library(
            allocate: unsafeBitCast(allocate, to: Allocate.self), free: unsafeBitCast(free, to: Free.self),
            decompress: unsafeBitCast(decompress, to: Decompress.self))
    }()

    /// The inflated bytes of a plain single-member `input`, or nil (see the type's description).
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, maxBytes: Int) -> [UInt8]? {
        // Header (10 bytes) and trailer (8); FLG's FHCRC bit (2) asks for a header checksum.
        guard let library, input.count >= 18, input[2] == 8, input[3] & 0x02 == 0, let base = input.baseAddress else { return nil }
        let tail = input.count - 4
        let size = Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16 | Int(input[tail + 3]) << 24
        guard size <= maxBytes, let decompressor = library.allocate() else { return nil }
        defer { library.free(decompressor) }
        var whole = false
        let output = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, initialized in
            var consumed = 0, produced = 0
            let status = library.decompress(decompressor, base, input.count, buffer.baseAddress, size, &consumed, &produced)
            whole = status == 0 && consumed == input.count && produced == size
            initialized = whole ? size : 0
        }
        return whole ? output : nil
    }
}

/// Why compressed page bytes could not be inflated.
public enum HTMLInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes do not start with the gzip magic number.
    case notGzip
    /// Inflating would produce more than the given number of bytes (a gzip bomb, or a limit set too low).
    case inflatesPastLimit(Int)
    /// The gzip data ends before its end-of-stream marker; `inflatedBytes` were recovered before the cut.
    case truncated(inflatedBytes: Int)
    /// zlib rejected the data; the associated value is zlib's message.
    case corrupt(String)

    /// What is wrong and what to do about it.
    public var description: String {
        switch self {
        case .notGzip:
            return "input is not gzip data (no 1F 8B magic number): pass it to the parser as-is, "
                + "or use HTMLInput.inflateIfGzip"
        case .inflatesPastLimit(let limit):
            return "gzip data inflates past \(limit) bytes: refusing a possible gzip bomb; "
                + "raise maxBytes if the page is genuine"
        case .truncated(let inflatedBytes):
            return "gzip data is truncated (ends after \(inflatedBytes) inflated bytes without an end marker): "
                + "download the file again"
        case .corrupt(let message):
            return "gzip data is corrupt (zlib: \(message)): download the file again or check how it was saved"
        }
    }
}
