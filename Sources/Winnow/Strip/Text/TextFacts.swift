/// Lines that are not body text but carry facts: a byline ("By Lalit K Jha", "Von Jana
/// Brückner"), a dateline ("February 26, 2022 15:37 IST"), an agency line ("Source: PTI",
/// "Quelle: dpa") and an image caption with its credit ("IMAGE: ... Photograph: ...").
enum TextFacts {
    /// A fact found in one line.
    enum Fact: Sendable, Hashable {
        /// The authors of a byline, and a date written on the same line.
        case byline([String], date: Metadata.DateValue?)
        /// A date line; `updated` when it says the page was updated or modified.
        case dateline(Metadata.DateValue, updated: Bool)
        /// A news agency.
        case agency(String)
        /// An image caption or credit, without its label.
        case caption(String)

        /// The reason a line holding the fact is removed.
        var reason: String {
            switch self {
            case .byline: "byline"
            case .dateline: "dateline"
            case .agency: "agency"
            case .caption: "caption"
            }
        }
    }

    /// Words that introduce a byline, alone or as the first two words.
    static let bylineLabels: Set<String> = [
        "by", "von", "par", "por", "di", "door", "av", "af", "przez", "autor", "autorin", "author", "authors", "autore",
        "auteur", "text", "texto", "written by", "posted by", "words by", "story by", "reported by", "geschrieben von",
        "publié par", "escrito por", "scritto da", "geschreven door",
    ]

    /// The hashes of the first words of byline labels, to rule out blocks without reading them.
    static let bylineStarts = Set(bylineLabels.map { TextVocabulary.hash($0.split(separator: " ")[0]) })

    /// Words that join the names of several authors.
    static let nameJoiners: Set<String> = ["and", "und", "&", "et", "y", "e", "en", "i", "и", "og", "och"]

    /// Lower-case particles inside names ("Ludwig van Beethoven").
    static let nameParticles: Set<String> = ["van", "von", "der", "den", "de", "da", "di", "del", "della", "la", "le", "du", "dos", "bin", "al", "ter", "ten", "zu"]

    /// News agencies named after a byline's names.
    static let newsAgencies: Set<String> = ["ap", "afp", "dpa", "reuters", "apa", "sda", "kna", "epd", "sid", "ansa", "efe", "pti", "ians", "ani", "upi", "dpa-afx", "ats", "belga", "anp", "tt", "ntb"]

    /// Whether a word, without its punctuation, names a news agency ("dpa", "AP,", "(Reuters)").
    static func isNewsAgency(_ word: Substring) -> Bool {
        newsAgencies.contains(String(word.lowercased().filter { $0.isLetter || $0 == "-" }))
    }

    /// Labels of agency lines.
    static let agencyLabels: Set<String> = ["source", "sources", "quelle", "quellen", "fuente", "fonte", "bron", "źródło", "agency", "agence", "agentur", "agencia", "agenzia"]

    /// Labels that open a caption line ("IMAGE:", "BILD:").
    static let captionLabels: Set<String> = [
        "image", "images", "photo", "photos", "photograph", "picture", "pictured", "caption", "illustration", "bild", "bilder",
        "foto", "fotos", "imagen", "immagine", "afbeelding", "zdjęcie", "légende", "bildunterschrift",
    ]

    /// Labels of a credit at the end of a caption ("Photograph: Valentyn Ogirenko/Reuters").
    static let creditLabels: Set<String> = ["photograph", "photo", "photos", "foto", "fotos", "credit", "credits", "image", "picture", "bild", "source", "quelle"]

    /// The fact `line` states, or nil when it is anything else.
    static func fact(in line: Substring) -> Fact? {
        // One pass over the bytes rules out most lines before any word is split: a date needs a
        // year or a numeric date, an agency or caption label a colon after the first word, a
        // credit a colon in the second half, a byline its label.
        var spaces = 0, run = 0, year = false, numeric = false, firstColon = -1, lastColon = -1, offset = 0
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in line.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                if run == 4 { year = true }
                if beforePrevious >= 0x30 && beforePrevious <= 0x39 && (previous == 0x2E || previous == 0x2F || previous == 0x2D) { numeric = true }
            } else {
                run = 0
                if byte == 0x20 { spaces += 1 } else if byte == 0x3A {
                    if firstColon < 0 { firstColon = offset }
                    lastColon = offset
                }
            }
            beforePrevious = previous
            previous = byte
            offset += 1
        }
        guard spaces < 60 else { return nil }
        let head = line.utf8.prefix { $0 != 0x20 && $0 != 0xC2 }
        let headLength = head.count
        var possible = ((year || numeric) && spaces < 12) || (lastColon >= 0 && lastColon * 2 >= offset)
            || (firstColon >= 0 && firstColon <= headLength + 1)
        if !possible, spaces < 14, headLength <= 12 {
            var hash = TextVocabulary.emptyHash
            for scalar in Substring(head).unicodeScalars where scalar != ":" { hash = TextVocabulary.mix(hash, scalar.value) }
            possible = bylineStarts.contains(hash)
        }
        guard possible else { return nil }
        let words = TextLines.words(line)
        guard !words.isEmpty, words.count <= 60 else { return nil }
        let first = label(words[0])
        if words.count <= 14, let byline = byline(words) { return byline }
        if first.hasColon, agencyLabels.contains(first.word), (2...6).contains(words.count) {
            return .agency(value(words[1...]))
        }
        if words.count >= 2, words[1] == ":", agencyLabels.contains(first.word), (3...7).contains(words.count) {
            return .agency(value(words[2...]))
        }
        if first.hasColon, captionLabels.contains(first.word), words.count >= 3 {
            return .caption(words[1...].joined(separator: " "))
        }
        if words.count >= 4, hasCredit(words) { return .caption(String(line)) }
        if words.count <= 12, line.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
           let scan = DateParsing.scan(String(line)), scan.otherWords <= 2,
           scan.value.granularity != .year, scan.value.granularity != .month {
            let lower = line.lowercased()
            let updated = ["updated", "modified", "aktualisiert", "mis à jour", "actualizado", "aggiornato", "bijgewerkt"].contains { lower.contains($0) }
            return .dateline(scan.value, updated: updated)
        }
        return nil
    }

    /// The words joined by spaces, without a closing full stop.
    static func value(_ words: ArraySlice<Substring>) -> String {
        var text = Substring(words.joined(separator: " "))
        while text.last == "." { text = text.dropLast() }
        return String(text)
    }

    /// A word lower-cased without a trailing colon, and whether it had one.
    static func label(_ word: Substring) -> (word: String, hasColon: Bool) {
        let hasColon = word.hasSuffix(":")
        return ((hasColon ? word.dropLast() : word).lowercased(), hasColon)
    }

    /// Whether a caption credit ("Photograph: Name/Agency") closes the line: a credit label in
    /// the line's second half, followed by at most six words.
    static func hasCredit(_ words: [Substring]) -> Bool {
        for index in stride(from: words.count - 2, through: words.count / 2, by: -1) where words[index].hasSuffix(":") {
            let (word, _) = label(words[index])
            if creditLabels.contains(word), words.count - index - 1 <= 6 { return true }
        }
        return false
    }

    /// A byline: a label, one to three names (capitalised words, initials, particles), and
    /// nothing after them but a date.
    static func byline(_ words: [Substring]) -> Fact? {
        var position: Int
        let first = label(words[0])
        if words.count >= 3, bylineLabels.contains(first.word + " " + label(words[1]).word) {
            position = 2
        } else if bylineLabels.contains(first.word) {
            position = 1
        } else {
            return nil
        }
        var authors: [String] = [], current: [Substring] = []
        func closeName() {
            if !current.isEmpty { authors.append(current.joined(separator: " ")) }
            current.removeAll()
        }
        while position < words.count {
            var word = words[position]
            let endsName = word.hasSuffix(",")
            if endsName { word = word.dropLast() }
            // A news agency after a name's comma ends the names ("Jane Doe, AP").
            if current.isEmpty, !authors.isEmpty, isNewsAgency(word) { break }
            if nameJoiners.contains(word.lowercased()) && !current.isEmpty {
                closeName()
            } else if let initial = word.first, initial.isUppercase, current.count < 4, word.count > 1 || word == word.uppercased() {
                current.append(word)
            } else if nameParticles.contains(String(word)), !current.isEmpty {
                current.append(word)
            } else {
                break
            }
            position += 1
            if endsName { closeName() }
        }
        closeName()
        // One-word names only in capitals ("By PTI"): "By Monday" or "By Category" are no bylines.
        guard !authors.isEmpty, authors.count <= 3,
              authors.allSatisfy({ $0.contains(" ") || ($0.count >= 2 && $0 == $0.uppercased()) }) else { return nil }
        if position == words.count { return .byline(authors, date: nil) }
        // A news agency after the names ("Von David Hutzler, dpa", "By Jane Doe, AP"), then maybe a date.
        if isNewsAgency(words[position]) {
            position += 1
            if position == words.count { return .byline(authors, date: nil) }
        }
        let rest = words[position...].joined(separator: " ")
        if let scan = DateParsing.scan(rest), scan.otherWords <= 2 { return .byline(authors, date: scan.value) }
        return nil
    }
}
