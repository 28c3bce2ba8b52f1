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
