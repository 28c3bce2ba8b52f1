import Winnow
import WinnowTesting

/// The `read` stage, made once (default caps).
nonisolated(unsafe) var reader = try! StageHarness<ReadStage>()
/// The options of an empty `rules` stage, to which each input's selector is added.
let emptyRules = try! RulesStage.Options(from: OptionValues(yaml: "{}"))
/// The page used when an input holds a selector only.
let samplePage = Array("""
    <html><head><title>T</title></head><body><nav id="n"><ul><li>a</li><li class="x">b</li></ul></nav>
    <article class="story" lang="en-GB"><h1>H</h1><p class="lead">One <span class="c">credit</span> two.</p>
    <p><a href="https://example.com/f.pdf">r</a></p><div class="share"><a href="#">s</a></div><p></p></article>
    <aside><h2>R</h2><p>o</p></aside></body></html>
    """.utf8)

/// CSS selectors of the `rules` stage: bytes up to the first NUL are a selector (parsed; a parse
/// error is expected), the rest a page (or a fixed sample) that is read, then stripped of the
/// selector's matches by `drop-elements`, `select-elements` and `keep-elements` in turn. A trap
/// is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let split = bytes.firstIndex(of: 0) ?? bytes.count
    let text = String(decoding: bytes[..<split], as: UTF8.self)
    guard let selector = try? CSSSelector(text) else { return 0 }
    let page = split < bytes.count ? Array(bytes[(split + 1)...]) : samplePage
    var document = Document(id: "fuzz.html", source: .init(path: "/fuzz/fuzz.html", size: page.count), keepTrace: true)
    do {
        try reader.stage.read(page, into: &document)
    } catch {
        return 0
    }
    for use in 0..<3 {
        var options = emptyRules
        switch use {
        case 0: options.all.dropElements = [selector]
        case 1: options.all.selectElements = [selector]
        default: options.all.keepElements = [selector]
        }
        var stage = RulesStage(options: options, context: StageContext(inputFolder: "/fuzz", outputFolder: "/fuzz-out", baseFolder: "/fuzz"))
        var copy = document
        _ = try? stage.process(&copy)
    }
    return 0
}
