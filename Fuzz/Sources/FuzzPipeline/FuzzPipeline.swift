import Winnow

/// The loader with the built-in stages.
let loader = PipelineLoader()

/// Pipeline-file loader: bytes as YAML text → `PipelineLoader.load(yaml:...)`. Diagnostics are
/// expected; a trap is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = data.map { String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self) } ?? ""
    do {
        _ = try loader.load(yaml: text, file: "fuzz.yml", baseFolder: "/fuzz")
    } catch {
        _ = error.diagnostics.map(\.description)
    }
    return 0
}
