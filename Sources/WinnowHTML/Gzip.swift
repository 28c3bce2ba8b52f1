internal import CLibXML2

/// gzip compression with zlib's deflate: whole buffers at once, or streamed through a ``Stream``.
///
/// The output is a single gzip member (RFC 1952) that `gunzip`, `zcat` and
/// ``HTMLInput/inflateGzip(_:maxBytes:)`` read back.
public enum Gzip {
    /// The bytes compressed into one complete gzip member.
    ///
    /// `level` is zlib's compression level: 0 (store) ... 9 (smallest), -1 for zlib's default (6).
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        let stream = try Stream(level: level)
        var output = try stream.compress(bytes)
        output.append(contentsOf: try stream.finish())
        return output
    }

    /// A gzip member compressed piece by piece: feed bytes with ``compress(_:)``, end with ``finish()``.
    ///
    /// Memory stays bounded by zlib's window whatever the total size, so a writer can stream a
    /// large file through it. An instance belongs to one thread at a time.
    public final class Stream {
        /// zlib's state; allocated once because zlib checks the stream's address on every call.
        private let stream: UnsafeMutablePointer<z_stream>
        /// Whether ``finish()`` has run (or deflate failed), after which no input is accepted.
        private var finished = false

        /// Starts a gzip member at compression `level` (0...9, or -1 for zlib's default).
        public init(level: Int32 = 6) throws(GzipError) {
            guard level == -1 || (0...9).contains(level) else { throw .invalidLevel(level) }
            stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // deflateInit2 is a macro; windowBits 15 + 16 asks for a gzip header and trailer.
            let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                stream.deinitialize(count: 1)
                stream.deallocate()
                throw .zlib("deflateInit2 failed with status \(status)")
            }
        }

        /// Frees zlib's state.
        deinit {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }

        /// Feeds `bytes`; returns the compressed bytes zlib has ready (often none for small inputs).
        public func compress(_ bytes: [UInt8]) throws(GzipError) -> [UInt8] {
            guard !finished else { throw .finished }
            return try run(bytes, flush: Z_NO_FLUSH)
        }

        /// Ends the member; returns the remaining compressed bytes, gzip trailer included.
        public func finish() throws(GzipError) -> [UInt8] {
            guard !finished else { throw .finished }
            defer { finished = true }
            return try run([], flush: Z_FINISH)
        }

        /// Runs deflate over `input` until it is consumed (and, with `Z_FINISH`, the stream ends).
        private func run(_ input: [UInt8], flush: Int32) throws(GzipError) -> [UInt8] {
            var output: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: max(16 << 10, input.count / 2 + 64))
            let result = input.withUnsafeBufferPointer { source -> Result<Void, GzipError> in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = UInt32(clamping: source.count)
                defer { stream.pointee.next_in = nil; stream.pointee.avail_in = 0 }
                while true {
                    let (status, produced) = chunk.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                        stream.pointee.next_out = out.baseAddress
                        stream.pointee.avail_out = UInt32(clamping: out.count)
                        let status = deflate(stream, flush)
                        let produced = out.count - Int(stream.pointee.avail_out)
                        stream.pointee.next_out = nil
                        stream.pointee.avail_out = 0
                        return (status, produced)
                    }
                    output.append(contentsOf: chunk[0..<produced])
                    switch status {
                    case Z_STREAM_END:
                        return .success(())
                    case Z_OK, Z_BUF_ERROR:
                        // Done with this input when zlib consumed it all and left room in the chunk.
                        if flush != Z_FINISH && stream.pointee.avail_in == 0 && produced < chunk.count { return .success(()) }
                        if status == Z_BUF_ERROR && produced == 0 { return .failure(.zlib("deflate made no progress")) }
                    default:
                        let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                        return .failure(.zlib(message))
                    }
                }
            }
            if case .failure(let error) = result {
                finished = true
                throw error
            }
            return output
        }
    }
}

/// Why gzip compression failed.
public enum GzipError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The compression level is not -1 or 0...9.
    case invalidLevel(Int32)
    /// More input came after ``Gzip/Stream/finish()``.
    case finished
    /// zlib reported an error; the associated value is its message.
    case zlib(String)

    /// What went wrong.
    public var description: String {
        switch self {
        case .invalidLevel(let level):
            return "gzip level \(level) is out of range: use 0 (store) ... 9 (smallest), or -1 for the default"
        case .finished:
            return "the gzip stream is already finished: start a new one for more data"
        case .zlib(let message):
            return "gzip compression failed (zlib: \(message))"
        }
    }
}
