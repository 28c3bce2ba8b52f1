import Foundation
import Testing
import WinnowHTML
@testable import Winnow

/// The ASCII fast paths of hot text loops give exactly what the plain Unicode-property versions
/// give (their results are stored: SimHashes in manifests for deduplication).
@Suite struct FastPathTests {
    static let pieces = ["a", "Z", "q", "7", "0", " ", "  ", "\t", "\n", "\r\n", ".", "!", "?", "\"", "'", ")", "]", "-", ",", "@", "[", "`", "{",
                         "É", "é", "İ", "Σ", "ς", "ß", "Å", "ǅ", "Ω", "ﬁ", "Ⅻ", "٣", "中", "文", "。", "！", "あ", "한", "’", "…", "”", "»",
                         "\u{00A0}", "\u{2003}", "\u{0301}", "\u{200B}", "\u{1F600}", "word", "Word", "WORD", "Straße", "ÉCOLE", "İstanbul"]

    static func randomTexts(_ count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    /// One FNV-1a step over the four bytes of a value, as written before the fast path.
    static func referenceMix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        var hash = hash
        for shift in stride(from: 0, to: 32, by: 8) {
            hash ^= UInt64((value >> UInt32(shift)) & 0xFF)
            hash = hash &* SimHash.prime
        }
        return hash
    }

    /// SimHash as it was written before the fast path: over `text.lowercased()`.
    static func referenceSimHash(_ text: String) -> UInt64 {
        var words: [UInt64] = []
        var current: UInt64 = SimHash.offsetBasis
        var inWord = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current = referenceMix(current, scalar.value)
                inWord = true
            } else if inWord {
                words.append(current)
                current = SimHash.offsetBasis
                inWord = false
            }
        }
        if inWord { words.append(current) }
        guard !words.isEmpty else { return 0 }
        var weights = [Int](repeating: 0, count: 64)
        func add(_ feature: UInt64) {
            for bit in 0..<64 { weights[bit] += (feature >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        if words.count < 3 {
            for word in words { add(SimHash.finish(word)) }
        } else {
            for index in 0...(words.count - 3) {
                add(SimHash.finish(referenceMix(referenceMix(words[index], UInt32(truncatingIfNeeded: words[index + 1])), UInt32(truncatingIfNeeded: words[index + 2] >> 7))))
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// Counts as they were computed before the fast path.
    static func referenceCounts(_ blocks: [Block]) -> Metadata.TextCounts {
        var characters = 0, words = 0, sentences = 0
        for (index, block) in blocks.enumerated() {
            characters += block.text.count + (index > 0 ? 2 : 0)
            var inWord = false, wordsInSentence = 0
            var previousEnds = false
            for scalar in block.text.unicodeScalars {
                let properties = scalar.properties
                if TextMeasures.isIdeograph(scalar) {
                    words += 1
                    wordsInSentence += 1
                    inWord = false
                } else if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark {
                    if !inWord {
                        words += 1
                        wordsInSentence += 1
                    }
                    inWord = true
                } else if inWord, scalar == "'" || scalar == "’" || scalar == "-" {
                    continue
                } else {
                    inWord = false
                }
                if TextMeasures.ideographicEnds.contains(scalar), wordsInSentence > 0 {
                    sentences += 1
                    wordsInSentence = 0
                    previousEnds = false
                    continue
                }
                if previousEnds, properties.isWhitespace, wordsInSentence > 0 {
                    sentences += 1
                    wordsInSentence = 0
                }
                previousEnds = TextMeasures.ends.contains(scalar) || (previousEnds && TextMeasures.closers.contains(scalar))
            }
            if wordsInSentence > 0 { sentences += 1 }
        }
        return .init(characters: characters, words: words, sentences: sentences, paragraphs: blocks.count)
    }

    @Test func byteSearchesAnswerAsFoundation() {
        let pieces = ["&", "<", ">", "username", "user", "name", "/t/", "/", "t", "a", " ", "\u{0301}", "\u{0600}", "\u{200D}", "\u{1F1E6}",
                      "é", "İ", "\r\n", "\r", "中"]
        let needles = ["&", "<", ">", "username", "/t/", "/search"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<4_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for needle in needles {
                #expect(ByteSearch.containsAsFoundation(text, Array(needle.utf8)) == (text.range(of: needle) != nil), "\(text.debugDescription) \(needle)")
            }
        }
    }

    @Test func javascriptLinksAreFoundAsBefore() {
        let pieces = ["javascript:", "JavaScript:", "JAVASCRİPT:", "java", "script", ":", "void(0)", "\u{0301}", "\u{212A}", "İ", "é", " ", "/a", "#", "\r\n", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<4_000 {
            let href = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(HTMLBlocks.Builder.isJavaScript(href) == href.lowercased().hasPrefix("javascript:"), "\(href.debugDescription)")
        }
    }

    @Test func comparisonKeysAreUnchanged() {
        for text in Self.randomTexts(3_000) + ["Hello, World 2024!", "", "ÉCOLE 12", "abc\r\ndef"] {
            let expected = String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
            #expect(Enrichment.key(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func simHashIsUnchanged() {
        for text in Self.randomTexts(3_000) {
            #expect(SimHash.hash(text) == Self.referenceSimHash(text), "\(text.debugDescription)")
        }
        // Long texts: more features than the bit counters' lanes hold between emptyings.
        let texts = Self.randomTexts(400)
        for start in stride(from: 0, to: 400, by: 40) {
            let text = texts[start..<start + 40].joined(separator: " ")
            #expect(SimHash.hash(text) == Self.referenceSimHash(text))
        }
    }

    @Test func countsAreUnchanged() {
        let texts = Self.randomTexts(3_000)
        for start in stride(from: 0, to: texts.count, by: 3) {
            let blocks = texts[start..<min(start + 3, texts.count)].map { Block(.paragraph, $0) }
            let fast = TextMeasures.counts(blocks), slow = Self.referenceCounts(blocks)
            #expect(fast == slow, "\(blocks.map(\.text))")
        }
    }

    @Test func collapsingWhitespaceIsUnchanged() {
        for text in Self.randomTexts(2_000) {
            var expected = String.UnicodeScalarView()
            var pending = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pending = !expected.isEmpty
                } else {
                    if pending { expected.append(" ") }
                    pending = false
                    expected.append(scalar)
                }
            }
            #expect(HTMLDocument.collapseWhitespace(text) == String(expected), "\(text.debugDescription)")
        }
    }
}

/// The byte paths of the enricher's and the stripper's class-name and dateline tests give what
/// the character-based versions they replaced give.
@Suite struct ClassNameFastPathTests {
    static let pieces = ["nav", "NAV", "header", "site", "masthead", "menu", "footer", "related", "widget", "logo", "cookie", "top",
                         "entry-header", "post-meta", "date", "Time", "publish", "update", "byline", "author", "writer", "price", "Price",
                         "post", "message", "reply", "topic-post", "item", "card", "product", "comment", "desc", "title", "review",
                         "username", "UserName", "username-coloured", "-", "_", "__", " ", "  ", "\t", "\n", "\r\n", "x", "7", "é", "É", "İ", "\u{212A}", "\u{0301}", "\u{0600}", "中", "ß"]

    static func randomNames(_ count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    /// `ClassFacts` as it read a class-and-id string before the byte paths.
    static func referenceFacts(_ classID: String) -> [Bool] {
        let bytes = Array(classID.utf8)
        func has(_ words: [String]) -> Bool { words.contains { ByteSearch.contains(bytes, Array($0.utf8)) } }
        var chromeToken = false
        tokens: for token in classID.split(whereSeparator: { $0 == " " }) {
            for word in PageEvidence.chromeWords where token == word {
                chromeToken = true
                break tokens
            }
            for variant in PageEvidence.chromePrefixes where token.hasPrefix(variant) {
                chromeToken = true
                break tokens
            }
            for variant in PageEvidence.chromeSuffixes where token.hasSuffix(variant) {
                chromeToken = true
                break tokens
            }
        }
        return [has(PageEvidence.ownHeaderWords), has(["site", "masthead", "global", "nav", "top"]),
                has(PageEvidence.dateWords) && !has(["update"]), has(PageEvidence.bylineWords), chromeToken]
    }

    @Test func classFactsAreUnchanged() {
        for name in Self.randomNames(4_000) {
            let classID = name.lowercased()
            let facts = PageEvidence.ClassFacts(classID)
            #expect([facts.ownHeader, facts.headerWord, facts.dateWord, facts.bylineWord, facts.chromeToken] == Self.referenceFacts(classID),
                    "\(classID.debugDescription)")
        }
    }

    @Test func classAndIDReadApartAreReadAsJoined() {
        var cache: [String: PageEvidence.NameFacts] = [:]
        let names = Self.randomNames(4_000)
        for (index, name) in names.enumerated() {
            // Some names absent, some ids repeated as classes, so the cache is hit too.
            let className: String? = index % 7 == 0 ? nil : name
            let id: String? = index % 3 == 0 ? nil : names[(index * 31) % names.count]
            guard let names = PageEvidence.asciiNameFacts(className: className, id: id, cache: &cache) else {
                #expect(!((className ?? "") + (id ?? "")).utf8.allSatisfy { $0 < 0x80 })
                continue
            }
            let apart = PageEvidence.ClassFacts(names)
            let joined = PageEvidence.ClassFacts(((className ?? "") + " " + (id ?? "")).lowercased())
            #expect([apart.ownHeader, apart.headerWord, apart.chromeToken, apart.headerToken, apart.otherChromeToken, apart.dateWord, apart.bylineWord]
                    == [joined.ownHeader, joined.headerWord, joined.chromeToken, joined.headerToken, joined.otherChromeToken, joined.dateWord, joined.bylineWord],
                    "\((className ?? "nil").debugDescription) \((id ?? "nil").debugDescription)")
        }
    }

    @Test func pageShapeCountsAreThoseOfEachClass() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<40 {
            let names = Self.randomNames(200).map { $0.replacingOccurrences(of: "\"", with: "") }
            var html = "<html><body>"
            for (index, name) in names.enumerated() {
                let id = index % 3 == 0 ? " id=\"\(names.randomElement(using: &generator)!)\"" : ""
                html += index % 5 == 0 ? "<div\(id)>x</div>" : "<div class=\"\(name)\"\(id)><span class=\"\(name)\">y</span></div>"
            }
            let page = try HTMLParser.parse(Array((html + "</body></html>").utf8))
            var posts = 0, prices = 0
            var usernames: [Int] = []
            for index in page.nodes.indices where page.nodes[index].kind == .element {
                guard let className = page.nodes[index].className else { continue }
                let says = PageKindRules.classSays(className)
                if says.post { posts += 1 }
                if says.price { prices += 1 }
                if className.contains("username") { usernames.append(index) }
            }
            let evidence = PageEvidence(page: page, keptNodes: [])
            #expect(evidence.postClasses == posts && evidence.priceClasses == prices)
            #expect(evidence.usernameElements == usernames)
        }
    }

    @Test func datePathsAreFoundAsByTheRegex() {
        let pieces = ["/", "19", "20", "21", "0", "1", "2", "9", "99", "/2024/05/", "/1999/1", "a", "é", "-", "//", "２０", "\u{0301}", "\u{0600}", "٣"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<4_000 {
            let path = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let regex = path.range(of: "/(19|20)[0-9]{2}/[01][0-9]/", options: .regularExpression) != nil
            #expect(PageKindRules.hasDatePath(path) == regex, "\(path.debugDescription)")
        }
    }

    @Test func pageShapeWordsAreUnchanged() {
        for name in Self.randomNames(4_000) {
            let words = name.lowercased().split(separator: " ")
            let post = words.contains { ["post", "message", "forum-post", "postbody", "post-body", "messagecontent", "reply", "topic-post"].contains(String($0)) }
            let price = words.contains { $0 == "price" || $0.hasSuffix("-price") || $0.hasPrefix("price-") }
            let says = PageKindRules.classSays(name)
            #expect(says.post == post && says.price == price, "\(name.debugDescription)")
        }
    }

    @Test func blockClassGroupsAreUnchanged() {
        for name in Self.randomNames(4_000) {
            let lower = ByteSearch.asciiLowercased(name)
            var expected: UInt16 = 0
            for (group, needles) in BlockFeatures.classGroups.enumerated() where needles.contains(where: { ByteSearch.contains(lower, $0) }) {
                expected |= 1 << group
            }
            #expect(BlockFeatures.groups(ofNames: name) == expected, "\(name.debugDescription)")
        }
    }

    @Test func trimmingIsUnchanged() {
        for text in FastPathTests.randomTexts(3_000) + Self.randomNames(1_000).map({ " \t" + $0 + "\n " }) {
            #expect(ByteSearch.trimmed(text) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(ByteSearch.trimmed(text, newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }

    /// `Boilerplate.isDateline` as it was before the ASCII path.
    static func referenceDateline(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var hasClock = false, hasISODate = false
        var index = 0
        while index + 2 < bytes.count {
            let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
            if isDigit(bytes[index]) && bytes[index + 1] == UInt8(ascii: ":") && isDigit(bytes[index + 2]) { hasClock = true }
            if index + 9 < bytes.count, isDigit(bytes[index]), isDigit(bytes[index + 3]), bytes[index + 4] == UInt8(ascii: "-"), bytes[index + 7] == UInt8(ascii: "-") { hasISODate = true }
            index += 1
        }
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        guard words.count <= 10 else { return false }
        let hasMonth = words.contains { Boilerplate.months.contains(String($0)) }
        let hasNumber = words.contains { $0.first?.isNumber ?? false }
        return (hasMonth && hasNumber) || hasClock || hasISODate
    }

    @Test func datelinesAreUnchanged() {
        let pieces = ["July", "JULY", "sept", "Sept.", "May", "mayday", "26", "2025", "4:32pm", "2019-04-15", "17:38:57", "By", "Jane", "|", ",", " ", "  ",
                      "-", "/", "\n", "\r\n", "é", "Mär", "٣", "Ⅻ", "\u{0301}", "中", "a", "Z", "0"]
        var generator = SystemRandomNumberGenerator()
        var texts = FastPathTests.randomTexts(2_000)
        for _ in 0..<4_000 { texts.append((0..<Int.random(in: 0...16, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        for text in texts {
            #expect(Boilerplate.isDateline(text) == Self.referenceDateline(text), "\(text.debugDescription)")
        }
    }
}
