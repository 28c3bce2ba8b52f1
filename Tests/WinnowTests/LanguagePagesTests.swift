import Foundation
import Testing
@testable import Winnow

/// The language identifier on real pages of `../shared/datasets` (skipped without it): the
/// Readability test pages (their clean text, labelled by the page's `lang`) and the
/// trafilatura evaluation pages (extracted by winnow, compared with `<html lang>` where declared).
/// `WINNOW_LANGUAGE_REPORT=1` reads every trafilatura page (a third otherwise) and prints every
/// disagreement.
@Suite("Language on real pages")
struct LanguagePagesTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/datasets").standardized
    static let available = FileManager.default.fileExists(atPath: datasets.appendingPathComponent("readability/truth").path)
    static var report: Bool { ProcessInfo.processInfo.environment["WINNOW_LANGUAGE_REPORT"] != nil }

    /// The primary subtag of a declared language, lower-cased.
    static func primary(_ tag: String) -> String {
        String(tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
    }

    @Test(.enabled(if: available)) func readabilityPagesAgreeWithTheirDeclaredLanguage() throws {
        let folder = Self.datasets.appendingPathComponent("readability/truth")
        var agree = 0, total = 0, undeclared: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            guard let truth = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let text = truth["text"] as? String, text.count >= 100 else { continue }
            let guess = LanguageIdentifier.identify(text)
            guard let lang = truth["lang"] as? String else {
                undeclared[guess?.code ?? "nil", default: 0] += 1
                continue
            }
            total += 1
            if guess?.code == Self.primary(lang) {
                agree += 1
            } else if Self.report {
                print("  readability \(name): declared \(lang), identified \(guess.map { "\($0.code) \($0.confidence)" } ?? "nil"): \(text.prefix(100).replacingOccurrences(of: "\n", with: " "))")
            }
        }
        print("language on readability pages: \(agree)/\(total) agree with the declared lang; pages without one: \(undeclared.sorted { $0.key < $1.key })")
        #expect(total >= 50)
        #expect(Double(agree) >= 0.95 * Double(total))
    }

    @Test(.enabled(if: available)) func trafilaturaPagesAgreeWithTheirDeclaredLanguage() throws {
        let folder = Self.datasets.appendingPathComponent("trafilatura-eval/html")
        let regex = try NSRegularExpression(pattern: #"<html[^>]*?\slang\s*=\s*["']?([A-Za-z_-]+)"#, options: [.caseInsensitive])
        var agree = 0, declared = 0, identified: [String: Int] = [:], pages = 0
        // Every page for the report; every third otherwise (extracting all 990 takes a while in debug builds).
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { $0.hasSuffix(".html.gz") }
        for (n, name) in names.enumerated() where Self.report || n % 3 == 0 {
            let path = folder.appendingPathComponent(name).path
            guard let document = try? Extraction.extract(path: path) else { continue }
            let text = document.text
            guard text.count >= 100 else { continue }
            pages += 1
            let guess = LanguageIdentifier.identify(text)
            identified[guess?.code ?? "nil", default: 0] += 1
            let head = String(decoding: document.raw.prefix(8192), as: UTF8.self)
            guard let match = regex.firstMatch(in: head, range: NSRange(head.startIndex..., in: head)),
                  let range = Range(match.range(at: 1), in: head) else { continue }
            let lang = Self.primary(String(head[range]))
            declared += 1
            if guess?.code == lang || (lang == "no" && guess?.code == "nb") {
                agree += 1
            } else if Self.report {
                print("  trafilatura \(name): declared \(lang), identified \(guess.map { "\($0.code) \($0.confidence)" } ?? "nil"): \(text.prefix(100).replacingOccurrences(of: "\n", with: " "))")
            }
        }
        let top = identified.sorted { $0.value > $1.value }.prefix(8).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("language on trafilatura-eval pages: \(pages) pages with 100+ characters; \(agree)/\(declared) agree with <html lang>; identified: \(top)")
        #expect(declared >= (Self.report ? 600 : 200))
        #expect(Double(agree) >= 0.9 * Double(declared))
    }
}
