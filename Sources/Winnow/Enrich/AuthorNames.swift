import Foundation

/// Cleans author names as pages write them ("By Jane Doe, Staff Writer", "Jane Doe and John
/// Roe | Updated 3 May 2024") and rejects what is no name: a site name, a "Staff" placeholder, a
/// date, a URL, a sentence.
enum AuthorNames {
    /// Words that open a byline and are not part of the name.
    static let labels: [String] = [
        "written by", "posted by", "published by", "reported by", "story by", "words by", "text by", "article by", "authored by",
        "recipe by", "post by", "posted by:", "topic author", "view all posts by", "all posts by", "more posts by", "posts by", "zeige alle beiträge von", "alle beiträge von", "post author by",
        "post author", "artikel von", "beitrag von", "erstellt von", "verfasst von", "interview:", "text und interview:", "text & interview:",
        "geschrieben von", "publié par", "escrito por", "scritto da", "geschreven door", "autor:", "autorin:", "author:", "authors:",
        "by:", "by", "von", "par", "por", "di", "door", "av", "af", "przez", "autor", "autorin", "author", "auteur", "text:", "texto:",
    ]

    /// Names that stand for no one in particular.
    static let placeholders: Set<String> = [
        "staff", "admin", "administrator", "editor", "editors", "the editors", "editorial", "editorial team", "editorial staff",
        "staff writer", "staff reporter", "staff writers", "web team", "team", "guest", "guest author", "guest post", "anonymous",
        "unknown", "redaktion", "die redaktion", "red", "newsroom", "news desk", "desk", "webmaster", "wordpress", "user",
        "contributor", "contributors", "author", "authors", "null", "undefined", "none", "n/a", "na", "the team", "our team",
        "marketing", "marketing team", "press", "press office", "support", "support team", "redacción", "rédaction", "redazione",
        "online-redaktion", "agencies", "agency", "wires", "wire", "by", "the author", "about the author", "posted by", "written by",
        "share", "follow", "more", "view all posts", "all posts", "posted", "cortesía", "courtesy", "photo", "foto", "image",
        "posted on", "published on", "veröffentlicht", "veröffentlicht am", "publiziert am", "erstellt am", "stand", "datum", "date",
        "no author", "insights from", "beitragvon", "gesponserte inhalte", "sponsored", "artikel von", "publié le", "publicado",
    ]

    /// Trailing role words that follow a name after a comma or dash ("Jane Doe, Staff Writer").
    static let roleWords: Set<String> = [
        "staff", "writer", "reporter", "correspondent", "editor", "contributor", "columnist", "photographer", "senior", "chief",
        "editor-in-chief", "managing", "associate", "contributing", "special", "political", "business", "science", "health",
        "technology", "freelance", "md", "phd", "ph.d.", "rd", "cpa", "esq", "jr", "jr.", "sr", "sr.", "expert", "dietitian",
        "director", "manager", "specialist", "coach", "founder", "co-founder", "ceo", "cto", "consultant", "strategist", "analyst",
        "nutritionist", "officer", "president", "head", "lead", "teacher", "professor", "instructor", "nurse", "attorney",
        "lawyer", "partner", "engineer", "designer", "developer", "marketer", "owner", "team", "ms", "ma", "mba", "rn", "dds",
        "dmd", "do", "np", "pa", "lcsw", "cfp", "cfa", "fand", "facs", "ph", "d", "m.d", "m.d.",
    ]

    /// The names in `raw`, cleaned; empty when it holds none.
    ///
    /// Several people ("Jane Doe and John Roe", "Jane Doe, John Roe") become several names; a
    /// name with credentials or a role ("Jane Doe, MD, RD", "Jane Doe, Shipping Expert") stays
    /// one byline, as written.
    ///
    /// `structured` names come from a field that holds a name and nothing else (JSON-LD, meta
    /// tags, microdata): there a name written in lowercase ("jane doe") is still a name.
    static func names(in raw: String, siteName: String?, structured: Bool = false) -> [String] {
        var text = Enrichment.clean(raw)
        guard !text.isEmpty, text.count <= 300, !text.contains("://"), !text.contains("@") || text.contains(" ") else { return [] }
        // A photo credit is no byline ("Foto: Ingo Schneider", "© Jane Doe"), nor a date line
        // ("Last updated: January 7, 2025").
        let opening = text.lowercased()
        if ["last updated", "last modified", "updated:", "updated on", "published on", "published:", "posted on", "veröffentlicht am", "aktualisiert"].contains(where: { opening.hasPrefix($0) }) { return [] }
        if ["foto:", "fotos:", "photo:", "photos:", "bild:", "bilder:", "image:", "credit:", "quelle:"].contains(where: { opening.hasPrefix($0) }) { return [] }
        if text.hasPrefix("©") { text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces) }
        text = removeLabel(text)
        // A label glued to the name ("AuthorAndreas Kalt").
        for glued in ["Author", "Autor", "By"] where text.hasPrefix(glued) {
            let rest = text.dropFirst(glued.count)
            if let first = rest.first, first.isUppercase, rest.contains(" ") { text = String(rest) }
        }
        // Cut at a reviewer or editor named after the author ("Jane Doe, DVM. Reviewed by ...").
        for stop in [" Reviewed by", " reviewed by", " Medically reviewed", " Fact checked", " Fact-checked", " Edited by", " edited by"] {
            if let range = text.range(of: stop) { text = String(text[..<range.lowerBound]) }
        }
        // Handles after the name ("Jane Doe @janedoe").
        text = text.split(separator: " ").filter { !$0.hasPrefix("@") }.joined(separator: " ")
        // Cut at what follows the names: a bar, a bullet, "Updated", "Published", a date.
        for stop in [" | ", "|", " • ", " · ", "\n", " — ", " – ", " - ", " Last updated", " Last Updated", " Last modified", " Updated", " Published", " updated", " published", " on ", " am ", " le ", " el ", " il "] {
            if let range = text.range(of: stop) { text = String(text[..<range.lowerBound]) }
        }
        // A date after the name ("Jane Doe 28 April 2021"): keep what comes before it.
        if text.contains(where: \.isNumber), DateParsing.scan(text) != nil {
            let words = text.split(separator: " ")
            let cut = words.firstIndex { word in word.contains(where: \.isNumber) || DateParsing.months[word.lowercased().trimmingCharacters(in: .punctuationCharacters)] != nil || DateParsing.fillers.contains(word.lowercased().trimmingCharacters(in: .punctuationCharacters)) && word.first?.isUppercase == true } ?? words.count
            text = words[..<cut].joined(separator: " ")
        }
        let untrimmed = text
        text = keepingFinalPeriod(text.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".:,;-–—"))), from: untrimmed)
        guard !text.isEmpty else { return [] }
        let trim = CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".:-–—()[]»«›‹"))
        var pieces: [String] = []
        for part in text.components(separatedBy: CharacterSet(charactersIn: ",;&")) {
            for piece in part.components(separatedBy: " and ").flatMap({ $0.components(separatedBy: " und ") }).flatMap({ $0.components(separatedBy: " et ") }) {
                var cleaned = removeLabel(piece.trimmingCharacters(in: trim))
                cleaned = keepingFinalPeriod(cleaned, from: piece)
                // A closing parenthesis that closes one in the name stays ("Jean-Luc Aufranc (CNXSoft)").
                if piece.trimmingCharacters(in: .whitespaces).hasSuffix(")"), let open = cleaned.lastIndex(of: "("), !cleaned[open...].contains(")") {
                    cleaned += ")"
                }
                if !cleaned.isEmpty { pieces.append(cleaned) }
            }
        }
        if pieces.count > 1, !pieces.allSatisfy(isPersonName) {
            // One byline with credentials or a role, or first names only: keep it as written.
            return isPlausible(text, siteName: siteName, maxWords: 14, structured: structured) ? [text] : []
        }
        // A role written after the name without a comma ("Harry Rabinowitz Tech Reporter").
        pieces = pieces.map(withoutTrailingRole)
        var result: [String] = []
        for name in pieces where isPlausible(name, siteName: siteName, structured: structured) && !result.contains(where: { $0.lowercased() == name.lowercased() }) {
            result.append(name)
        }
        return Array(result.prefix(10))
    }

    /// `cleaned` with the period `original` has after it when its last word is an initial,
    /// "Jr." or an abbreviation with periods in it ("Jeff T.", "Perry Bacon Jr.", "Jane Roe, Ph.D.").
    static func keepingFinalPeriod(_ cleaned: String, from original: String) -> String {
        guard let last = cleaned.split(separator: " ").last,
              (last.count == 1 && last.first?.isUppercase == true) || ["jr", "sr"].contains(last.lowercased())
                || (last.contains(".") && last.first?.isLetter == true),
              original.contains(cleaned + ".") else { return cleaned }
        return cleaned + "."
    }

    /// "First Last" from a name written "Last, First" ("Berger, Emery D.", "Roy, Aniruddha"), as
    /// bibliographic tags (`citation_author`, `dc.creator`) write them; nil when the text is not
    /// one such name (a name and a role, two names, a credential).
    static func invertedName(_ text: String) -> String? {
        let parts = text.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return nil }
        let family = parts[0].split(separator: " "), given = parts[1].split(separator: " ")
        guard (1...3).contains(family.count), (1...3).contains(given.count) else { return nil }
        // One family name, with its particles ("van der Merwe"): "Jane Roe, John Doe" is two names.
        guard family.filter({ !TextFacts.nameParticles.contains(String($0)) }).count == 1 else { return nil }
        for word in family + given {
            let bare = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            let initial = bare.count == 1
            if !initial, roleWords.contains(bare) || credentials.contains(bare) { return nil }
            guard let first = word.first, first.isUppercase || !first.isASCII || TextFacts.nameParticles.contains(String(word)),
                  word.allSatisfy({ $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }) else { return nil }
        }
        // A given name is a word, not only initials after a one-word family name ("Smith, J." stays).
        guard given.contains(where: { $0.filter(\.isLetter).count >= 2 }) else { return nil }
        return parts[1] + " " + parts[0]
    }

    /// Credentials and suffixes written after a name with a comma ("Jane Roe, DVM"), beyond
    /// those ``roleWords`` lists.
    static let credentials: Set<String> = ["ph.d", "dvm", "jd", "mph", "msc", "ba", "bsc", "facp", "faan", "ii", "iii", "iv"]

    /// Whether a piece reads as one person's full name: two to five words, capitalised (or in
    /// another script), no role or credential word.
    static func isPersonName(_ piece: String) -> Bool {
        let words = piece.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        if words.contains(where: { roleWords.contains($0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,"))) }) { return false }
        return words.allSatisfy { word in
            guard let first = word.first else { return false }
            return first.isUppercase || !first.isASCII || TextFacts.nameParticles.contains(String(word))
        }
    }

    /// Words of a job title that may follow a name without a comma.
    static let trailingRoles: Set<String> = ["writer", "reporter", "editor", "correspondent", "columnist", "chefredakteur", "chefredakteurin", "redakteur", "redakteurin", "autor", "autorin", "journalist", "journalistin"]

    /// A name without a job title written after it without a comma ("Jane Doe Tech Reporter",
    /// "Christoph Hein Chefredakteur"): only when two capitalised words of a name remain.
    static func withoutTrailingRole(_ piece: String) -> String {
        var words = piece.split(separator: " ").map(String.init)
        guard words.count >= 3, let last = words.last, trailingRoles.contains(last.lowercased()) else { return piece }
        words.removeLast()
        // A qualifier before the role ("Tech Reporter", "Senior Editor", "Staff Writer").
        if words.count >= 3, let before = words.last, ["tech", "senior", "staff", "chief", "news", "sports", "business", "science", "contributing", "managing", "associate", "features", "politics", "travel", "food"].contains(before.lowercased()) {
            words.removeLast()
        }
        let name = words.joined(separator: " ")
        return words.count >= 2 && isPersonName(name) ? name : piece
    }

    /// `text` without a byline label at its start ("By ", "Written by ").
    static func removeLabel(_ text: String) -> String {
        var text = text
        let lower = text.lowercased()
        for label in labels {
            if lower == label || lower == label + ":" { return "" }
            if lower.hasPrefix(label + " ") || (label.hasSuffix(":") && lower.hasPrefix(label)) || (!label.hasSuffix(":") && lower.hasPrefix(label + ": ")) {
                text = String(text.dropFirst(label.count)).trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ":")))
                break
            }
        }
        return text
    }

    /// Whether a piece is only a role ("Staff Writer", "MD").
    static func isRole(_ piece: String) -> Bool {
        let words = piece.lowercased().split(separator: " ")
        return !words.isEmpty && words.allSatisfy { roleWords.contains(String($0)) }
    }

    /// Whether a text can be a person's (or an organisation's byline) name.
    static func isPlausible(_ name: String, siteName: String?, maxWords: Int = 6, structured: Bool = false) -> Bool {
        let lower = name.lowercased()
        guard name.count >= 2, name.count <= maxWords * 12, !placeholders.contains(lower), name.contains(where: \.isLetter) else { return false }
        if let siteName, Enrichment.key(siteName) == Enrichment.key(name) { return false }
        if name.contains("://") || name.hasPrefix("www.") || name.contains(".com") || name.hasPrefix("@") || name.hasPrefix("#") { return false }
        // A date or a count is no name.
        if name.filter(\.isNumber).count >= 2, !name.contains(",") || DateParsing.scan(name) != nil { return false }
        if DateParsing.months[lower.split(separator: " ").first.map(String.init) ?? ""] != nil, name.contains(where: \.isNumber) { return false }
        let words = name.split(separator: " ")
        guard words.count <= maxWords else { return false }
        // Initials alone ("J J", a commenter's avatar letter and name) are no name.
        if words.allSatisfy({ $0.filter(\.isLetter).count <= 1 }) { return false }
        // Names start with a capital (or are written in another script); a name field may hold
        // a name in lowercase: two to four words of letters.
        guard let first = name.first else { return false }
        if !(first.isUppercase || !first.isASCII) {
            guard structured, (2...4).contains(words.count), name == name.lowercased(),
                  words.allSatisfy({ word in word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" || $0 == "." } }) else { return false }
            return true
        }
        let lowerWords = words.filter { $0.first?.isLowercase == true && !TextFacts.nameParticles.contains(String($0)) && $0 != "y" }.count
        if words.count >= 3, lowerWords >= 3 || lowerWords * 5 > words.count * 2 {
            return false
        }
        return true
    }

    /// Whether a structured `Person`'s name is a user name: one token of 2 to 40 letters, digits,
    /// dots, hyphens and underscores with a letter in it ("raoul", "hayley.p", "archuser38013"),
    /// not a placeholder ("admin", "guest"), a domain or the site's name.
    static func isUserName(_ name: String, siteName: String?) -> Bool {
        let name = Enrichment.clean(name)
        guard (2...40).contains(name.count), name.contains(where: \.isLetter), !placeholders.contains(name.lowercased()),
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }),
              !TitleFinder.looksLikeDomain(name), name.first != ".", name.last != "." else { return false }
        return siteName.map { Enrichment.key($0) != Enrichment.key(name) && Enrichment.key($0.withoutDomainSuffix) != Enrichment.key(name) } ?? true
    }

    /// Whether an agency name found in the text is plausible: short, capitalised, no sentence.
    static func isPlausibleAgency(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        return (1...5).contains(words.count) && name.count <= 50 && (name.first?.isUppercase ?? false) && !name.contains("://")
    }
}
