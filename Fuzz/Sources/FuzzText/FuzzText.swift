import Winnow
import WinnowTesting

/// The `read` stage, made once (default caps).
nonisolated(unsafe) var reader = try! StageHarness<ReadStage>()
/// The `strip` stage in its three modes.
nonisolated(unsafe) var strippers = StripStage.Mode.allCases.map { mode in
    try! StageHarness<StripStage>(options: "mode: \(mode.rawValue)")
}

/// Text stripper: bytes → `read` (as a `.txt` file: BOM, UTF-8 or windows-1252, blocks) →
/// `strip` (the text stripper). Per-document errors are expected; a trap is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var document = Document(id: "fuzz.txt", source: .init(path: "/fuzz/fuzz.txt", size: bytes.count), keepTrace: true)
    do {
        try reader.stage.read(bytes, into: &document)
    } catch {
        return 0
    }
    let mode = bytes.count % strippers.count
    _ = try? strippers[mode].run(document)
    return 0
}
