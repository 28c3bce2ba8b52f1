import WinnowHTML

/// Gzip inflation for tests.
enum HTMLInputBridge {
    /// Inflates gzip bytes.
    static func inflate(_ bytes: [UInt8]) throws -> [UInt8] {
        try HTMLInput.inflateGzip(bytes, maxBytes: 1 << 30)
    }
}
