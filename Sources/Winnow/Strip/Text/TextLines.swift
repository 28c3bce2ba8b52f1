/// Line rules of the text stripper that need the page around a line: copyright lines inside a
/// block, a byline repeated at the end, and the headline and section label above the byline.
enum TextLines {
    /// The headline and section label found above a page's byline or dateline.
    struct Titled: Sendable, Hashable {
        /// The headline's block.
        var headline: Int?
        /// The section label's block.
        var section: Int?
        /// The headline as one line.
        var title: String?
        /// The section label as written.
        var sectionText: String?
    }

    /// The lines of a block's text (split at "\n"), read as UTF-8 bytes.
    static func split(_ text: String, breaks: Int) -> [Substring] {
        guard breaks > 0 else { return [Substring(text)] }
        var lines: [Substring] = []
        var start = text.startIndex
        var index = text.utf8.startIndex
        while index < text.utf8.endIndex {
            if text.utf8[index] == 0x0A {
                lines.append(text[start..<index])
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        lines.append(text[start...])
        return lines
    }

    /// The words of a line: runs between spaces, tabs and no-break spaces, read as UTF-8 bytes.
    static func words(_ line: Substring) -> [Substring] {
        var words: [Substring] = []
        var start: Substring.Index?
        var index = line.utf8.startIndex
        while index < line.utf8.endIndex {
            let byte = line.utf8[index]
            var width = 0
            if byte == 0x20 || byte == 0x09 {
                width = 1
            } else if byte == 0xC2, line.utf8.index(after: index) < line.utf8.endIndex, line.utf8[line.utf8.index(after: index)] == 0xA0 {
                width = 2
            }
            if width > 0 {
                if let begin = start { words.append(line[begin..<index]) }
                start = nil
                index = line.utf8.index(index, offsetBy: width)
            } else {
                if start == nil { start = index }
                index = line.utf8.index(after: index)
            }
        }
        if let begin = start { words.append(line[begin...]) }
        return words
    }

    /// Whether a line is a copyright notice: `©`, "(c) 2024", or "Copyright" with a year.
    static func isCopyright(_ line: Substring) -> Bool {
        var hashes: [UInt64] = []
        let measure = TextMeasure(String(line), hashes: &hashes)
        guard measure.words <= 60 else { return false }
        let match = TextPhrases.match(hashes[...])
        if measure.copyrightSign || match.rights { return true }
        if match.leading == .copyright && measure.digits >= 4 { return true }
        return line.hasPrefix("(c) ") || line.hasPrefix("(C) ")
    }

    /// Whether a line only repeats the byline's author names ("Lalit K Jha", "By Lalit K Jha").
    static func repeatsByline(_ line: Substring, authors: [String]) -> Bool {
        let words = Self.words(line)
        guard !words.isEmpty, words.count <= 16 else { return false }
        var text = words.joined(separator: " ")
        if let first = words.first, TextFacts.bylineLabels.contains(TextFacts.label(first).word) {
            text = words.dropFirst().joined(separator: " ")
        }
        let simplified = text.lowercased().filter { $0.isLetter || $0 == " " }
        let names = authors.map { $0.lowercased().filter { $0.isLetter || $0 == " " } }
        if names.contains(simplified) { return true }
        let joined = Set(["and", "und", "&", "et", "y"].map { names.joined(separator: " \($0) ") } + [names.joined(separator: " ")])
        return joined.contains(simplified)
    }

    /// The headline (the block just before the header's first byline or dateline) and the section
    /// label (a short capitalised block just before the headline).
    static func headline(blocks: [Block], page: TextPage, facts: [TextStripper.LineFact], header: Range<Int>) -> Titled {
        var result = Titled()
        let factBlocks = Set(facts.map(\.block))
        let anchor = facts.first { found in
            guard header.contains(found.block), found.line == 0 else { return false }
            switch found.fact {
            case .byline?, .dateline?: return true
            default: return false
            }
        }
        guard let anchor, anchor.block > 0 else { return result }
        let headline = anchor.block - 1
        let measure = page.measures[headline]
        guard !factBlocks.contains(headline), (3...40).contains(measure.words), measure.endMark != 0x2E else { return result }
        result.headline = headline
        result.title = blocks[headline].text.split(separator: "\n").joined(separator: " ")
        guard headline > 0 else { return result }
        let section = headline - 1, label = page.measures[section]
        let capitals = label.letters >= 2 && label.uppercase == label.letters
        if !factBlocks.contains(section), (1...4).contains(label.words), !label.endsSentence, label.lineBreaks == 0,
           capitals || (section == 0 && label.words <= 2 && label.capitalised == label.words) {
            result.section = section
            result.sectionText = blocks[section].text
        }
        return result
    }
}
