internal import CLibXML2

/// The cost of libxml2's parse alone, for benchmarks: the floor that winnow's reader is compared to.
public enum ParseFloor {
    /// Parses UTF-8 page bytes with the same options as ``HTMLParser`` and frees the tree without
    /// copying it; returns whether libxml2 produced a document.
    @discardableResult
    public static func parse(_ bytes: [UInt8]) -> Bool {
        HTMLParser.initializeOnce()
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            guard let document = htmlReadMemory(start, Int32(buffer.count), nil, nil, HTMLParser.options) else { return false }
            xmlFreeDoc(document)
            return true
        }
    }
}
