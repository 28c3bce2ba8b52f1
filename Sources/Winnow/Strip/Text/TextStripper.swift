import Foundation

/// Classifies the blocks of a plain-text page as content or boilerplate, and moves the facts
/// among the boilerplate (byline, dateline, agency, section label, captions) to metadata.
///
/// 1. ``TextClassifier`` scores every block from general evidence (length, stop words, sentence
///    shape, capitals, run-together words, phrases, position, neighbours) and keeps or drops it
///    by the mode.
/// 2. Every line of a block is read for facts (``TextFacts``): captions, agency lines and bylines
///    go wherever they are; datelines go in the page's header (the lines just before the first
///    long paragraph). The block before the header's byline or dateline is the headline, kept;
///    a short capitalised label before the headline is the section.
/// 3. Once the byline is known, a line repeating the author's name goes too.
///
/// Every removal is recorded in the trace with its reason and the rule or score that decided.
struct TextStripper {
    let options: StripStage.Options

    /// Whether traces carry every block's model features (`WINNOW_TEXTSTRIP_FEATURES=1`), for
    /// refitting ``TextModel`` (`Tools/textstrip-training/train.sh`).
    static let dumpFeatures = ProcessInfo.processInfo.environment["WINNOW_TEXTSTRIP_FEATURES"] == "1"

    /// What was found in one line of a block.
    struct LineFact {
        /// The block and the line's index in it.
        var block: Int, line: Int
        /// The fact, or nil for a copyright line or a repeated byline.
        var fact: TextFacts.Fact?
        /// Why the line goes.
        var reason: String
        /// The rule, for the trace.
        var detail: String
    }

    /// Removes boilerplate blocks from a text document.
    func strip(_ document: inout Document) {
        let blocks = document.blocks
        guard !blocks.isEmpty else { return }
        let page = TextPage(blocks.map(\.text))
        var verdicts = TextClassifier.verdicts(page, mode: options.mode)
        let lines = blocks.indices.map { TextLines.split(blocks[$0].text, breaks: page.measures[$0].lineBreaks) }
        let firstLong = (0..<blocks.count).first { verdicts[$0].keep && page.measures[$0].words >= 15 } ?? blocks.count
        let header = max(0, firstLong - 8)..<min(blocks.count, firstLong + 1)
        var facts: [LineFact] = []
        var authors: [String] = []
        for (index, blockLines) in lines.enumerated() where blockLines.count <= 8 && Self.mayHoldFacts(page, index) {
            for (number, line) in blockLines.enumerated() {
                guard let fact = TextFacts.fact(in: line) else {
                    if blockLines.count > 1, TextLines.isCopyright(line) {
                        facts.append(LineFact(block: index, line: number, fact: nil, reason: "copyright", detail: "copyright line"))
                    }
                    continue
                }
                if case .dateline = fact, !header.contains(index) { continue }
                if case .byline(let names, _) = fact, authors.isEmpty, header.contains(index) { authors = names }
                facts.append(LineFact(block: index, line: number, fact: fact, reason: fact.reason, detail: "\(fact.reason) line"))
            }
        }
        if !authors.isEmpty {
            let starts = Set(authors.map { TextVocabulary.hash($0.prefix { $0 != " " }) }).union(TextFacts.bylineStarts)
            for (index, blockLines) in lines.enumerated() where index >= firstLong && (page.measures[index].lineBreaks > 0 || starts.contains(page.firstWords[index])) {
                for (number, line) in blockLines.enumerated() where line.utf8.count <= 160 && TextLines.repeatsByline(line, authors: authors) {
                    facts.append(LineFact(block: index, line: number, fact: nil, reason: "byline", detail: "repeated byline"))
                }
            }
        }
        var titled = TextLines.headline(blocks: blocks, page: page, facts: facts, header: header)
        if let headline = titled.headline, !verdicts[headline].keep {
            verdicts[headline] = .init(keep: true, reason: "", rule: "headline before the byline", score: verdicts[headline].score)
        }
        if let section = titled.section {
            verdicts[section] = .init(keep: false, reason: "section-label", rule: "label before the headline", score: verdicts[section].score)
        } else {
            titled.sectionText = nil
        }
        if options.metadata { record(facts, header: header, titled: titled, into: &document.metadata) }
        if Self.dumpFeatures && document.trace.keepText {
            dump(page, verdicts: verdicts, titled: titled, facts: facts, lines: lines, trace: &document.trace)
        }
        document.blocks = apply(verdicts, facts: facts, lines: lines, to: blocks, trace: &document.trace)
    }

    /// Notes one line a block in the trace: `textfeatures`, the block's index, words, the reason
    /// of its first phrase (or `-`), the decision that stands whatever the score (`rule`,
    /// `headline`, `section` or `-`), its text hash, its second-pass score, its local features
    /// (comma-separated; numbers as Swift prints them, which read back exactly), its clean words
    /// as the lexicon sees them (``TextMeasure/cleanWords(_:)``, space-separated) and the text it
    /// leaves when kept (fact lines taken out), tab-separated; first a `textpage` line with the
    /// page's language.
    func dump(_ page: TextPage, verdicts: [TextClassifier.Verdict], titled: TextLines.Titled, facts: [LineFact], lines: [[Substring]], trace: inout Trace) {
        var removed: [Int: Set<Int>] = [:]
        for found in facts { removed[found.block, default: []].insert(found.line) }
        trace.note("textpage\t" + page.language)
        for index in 0..<page.count {
            let verdict = verdicts[index]
            let forced = index == titled.headline ? "headline" : index == titled.section ? "section" : TextClassifier.rule(page, index) != nil ? "rule" : "-"
            let values = page.features(of: index).map { "\($0)" }.joined(separator: ",")
            let rest = lines[index].indices.filter { !(removed[index]?.contains($0) ?? false) }.map { lines[index][$0] }.joined(separator: "\n")
            let fields = ["textfeatures", String(index), String(page.measures[index].words), page.phrases[index].first?.rawValue ?? "-", forced,
                          String(page.measures[index].textHash, radix: 16), "\(verdict.score)", values,
                          TextMeasure.cleanWords(lines[index].joined(separator: "\n")).joined(separator: " "), rest]
            trace.note(fields.joined(separator: "\t"))
        }
    }

    /// Whether a block may hold a fact line: a colon (labels), digits (dates), a byline label
    /// first, or several lines; most menu items and long paragraphs are ruled out here.
    static func mayHoldFacts(_ page: TextPage, _ index: Int) -> Bool {
        let measure = page.measures[index]
        guard measure.words <= 80 else { return false }
        return measure.colons > 0 || measure.digits >= 4 || measure.lineBreaks > 0 || TextFacts.bylineStarts.contains(page.firstWords[index])
    }

    /// Writes the facts into metadata: header bylines and dates, the first agency, all captions.
    func record(_ facts: [LineFact], header: Range<Int>, titled: TextLines.Titled, into metadata: inout Metadata) {
        var captions: [String] = []
        for found in facts {
            switch found.fact {
            case .byline(let names, let date)? where header.contains(found.block):
                if metadata.authors == nil { metadata.authors = .init(names, source: .text) }
                if let date, metadata.published == nil { metadata.published = .init(date, source: .text) }
            case .dateline(let date, let updated)?:
                if updated {
                    if metadata.modified == nil { metadata.modified = .init(date, source: .text) }
                } else if metadata.published == nil {
                    metadata.published = .init(date, source: .text)
                }
            case .agency(let name)?:
                if metadata.agency == nil { metadata.agency = .init(name, source: .text) }
            case .caption(let text)?:
                captions.append(text)
            default:
                break
            }
        }
        if !captions.isEmpty, metadata.captions == nil { metadata.captions = .init(captions, source: .text) }
        if let section = titled.sectionText, metadata.section == nil { metadata.section = .init(section, source: .text) }
        if let title = titled.title, metadata.title == nil { metadata.title = .init(title, source: .text) }
    }

    /// The kept blocks, fact lines taken out of them; every removal recorded in the trace.
    func apply(_ verdicts: [TextClassifier.Verdict], facts: [LineFact], lines: [[Substring]], to blocks: [Block], trace: inout Trace) -> [Block] {
        var factsByBlock: [Int: [LineFact]] = [:]
        for found in facts { factsByBlock[found.block, default: []].append(found) }
        var kept: [Block] = []
        kept.reserveCapacity(blocks.count)
        for (index, block) in blocks.enumerated() {
            let verdict = verdicts[index]
            guard let found = factsByBlock[index] else {
                if verdict.keep {
                    kept.append(block)
                } else {
                    trace.record(stage: StripStage.name, reason: verdict.reason, detail: trace.keepText ? verdict.detail() : nil, text: block.text, kind: block.kind, position: block.origin)
                }
                continue
            }
            var removed = Set<Int>()
            for line in found where removed.insert(line.line).inserted {
                trace.record(stage: StripStage.name, reason: line.reason, detail: line.detail, text: String(lines[index][line.line]), kind: nil, position: block.origin, line: line.line)
            }
            let rest = lines[index].indices.filter { !removed.contains($0) }.map { lines[index][$0] }
            guard !rest.isEmpty else { continue }
            var remainder = block
            remainder.text = rest.joined(separator: "\n")
            if verdict.keep {
                kept.append(remainder)
            } else {
                trace.record(stage: StripStage.name, reason: verdict.reason, detail: trace.keepText ? verdict.detail() : nil, text: remainder.text, kind: block.kind, position: block.origin)
            }
        }
        return kept
    }
}
