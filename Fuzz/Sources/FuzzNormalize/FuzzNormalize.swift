import Winnow

/// One normalizer per profile, plus one with every option turned on.
nonisolated(unsafe) var normalizers: [TextNormalizer] = NormalizeProfile.allCases.map { TextNormalizer(options: $0.defaults) } + [{
    var options = NormalizeOptions()
    options.unicode = .nfkc
    options.quotes = NormalizeOptions.QuoteStyle.allCases.last ?? .keep
    options.dashes = NormalizeOptions.DashStyle.allCases.last ?? .keep
    options.fullWidth = true
    options.dehyphenate = true
    options.joinLines = true
    return TextNormalizer(options: options)
}()]

/// The block kinds the normalizer treats differently (code keeps its whitespace).
let kinds: [Block.Kind] = [.paragraph, .heading, .code, .listItem, .table, .quote, .caption]

/// Normalizer: the first byte picks the options and the block kind; the rest, decoded as UTF-8
/// with repairs, is normalized. A trap is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let selector = Int(data[0])
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let index = selector % normalizers.count
    let kind = kinds[(selector / normalizers.count) % kinds.count]
    _ = normalizers[index].normalize(text, kind: kind)
    return 0
}
