/// Fast byte-level lookup of element names and attribute names while building the arena.
///
/// Names are matched by content: names of up to eight bytes are packed into a `UInt64` and found
/// in a small open-addressing table, with no hashing of strings and no allocation. The HTML
/// parser interns element and attribute names in its dictionary while it runs, so the events
/// ``SAXTreeBuilder`` receives carry one pointer per distinct name, and a direct-mapped cache
/// keyed by pointer (``InternedNameCache``, ``ElementNameCache``) turns each into a `String` once
/// per document. (libxml2's tree, which ``TreeCopier`` reads, holds its own copy of every name:
/// there the cache is correct but seldom hits.)
struct NameTable {
    /// Packed names (0 = empty slot) and their tags, probed linearly.
    private let keys: [UInt64]
    private let tags: [HTMLTag]
    private let mask: Int

    /// Built once; copied into each ``TreeCopier`` (the arrays are shared, not duplicated).
    static let shared = NameTable()

    private init() {
        let capacity = 512
        var keys = [UInt64](repeating: 0, count: capacity)
        var tags = [HTMLTag](repeating: .unknown, count: capacity)
        for tag in HTMLTag.allCases where tag != .text && tag != .unknown && tag.rawValue.utf8.count <= 8 {
            let key = Self.pack(Array(tag.rawValue.utf8))
            var slot = Self.slot(for: key, mask: capacity - 1)
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            tags[slot] = tag
        }
        self.keys = keys
        self.tags = tags
        self.mask = capacity - 1
    }

    /// The tag for a lowercase name, or nil when it is not a listed tag.
    @inline(__always)
    func tag(for name: UnsafeBufferPointer<UInt8>) -> HTMLTag? {
        guard name.count <= 8, name.count > 0 else { return nil }
        let key = Self.pack(name)
        var slot = Self.slot(for: key, mask: mask)
        while true {
            let candidate = keys[slot]
            if candidate == key { return tags[slot] }
            if candidate == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private static func pack<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            key |= UInt64(byte) << shift
            shift += 8
        }
        return key
    }

    @inline(__always)
    private static func slot(for key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }
}

/// A direct-mapped cache from interned C-string pointers to Swift strings.
struct InternedNameCache {
    private var pointers = [UnsafeRawPointer?](repeating: nil, count: 128)
    private var names = [String](repeating: "", count: 128)

    /// The lowercase `String` for a NUL-terminated, dictionary-interned name.
    @inline(__always)
    mutating func name(for pointer: UnsafeRawPointer) -> String {
        let slot = Int(truncatingIfNeeded: UInt(bitPattern: pointer) >> 3) & 127
        if pointers[slot] == pointer { return names[slot] }
        let name = lowercaseString(pointer)
        pointers[slot] = pointer
        names[slot] = name
        return name
    }
}

/// A `String` from a NUL-terminated name, ASCII-lowercased when it has capitals.
func lowercaseString(_ pointer: UnsafeRawPointer) -> String {
    let raw = String(cString: pointer.assumingMemoryBound(to: CChar.self))
    return raw.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? raw.lowercased() : raw
}
