import Crypto

/// Hashes used in manifests and metadata.
public enum Digest {
    /// The lowercase hex SHA-256 of bytes.
    public static func sha256<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digest = SHA256.hash(data: Array(bytes))
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The lowercase hex SHA-256 of a string's UTF-8.
    public static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }
}
