/// Phrases that mark site furniture in short lines of any page: copyright lines, share bars,
/// calls to action, pagers, cookie notices.
enum Boilerplate {
    /// Prefixes (lowercased) of short furniture lines, with their reason.
    static let prefixes: [([UInt8], String)] = prefixesTable.map { (Array($0.0.utf8), $0.1) }
    /// The same, as written.
    static let prefixesTable: [(String, String)] = [
        ("©", "copyright"), ("(c) ", "copyright"), ("copyright", "copyright"), ("all rights reserved", "copyright"),
        ("recommended by", "recommended"), ("recommended for you", "recommended"), ("you may also like", "related-links"),
        ("related articles", "related-links"), ("related stories", "related-links"), ("related posts", "related-links"), ("related:", "related-links"),
        ("read more", "call-to-action"), ("read next", "related-links"), ("continue reading", "call-to-action"), ("click here", "call-to-action"),
        ("share this", "share"), ("share on", "share"), ("share:", "share"), ("follow us", "share"), ("tweet", "share"),
        ("sign up", "newsletter"), ("subscribe", "newsletter"), ("join our newsletter", "newsletter"), ("get our newsletter", "newsletter"),
        ("we use cookies", "cookie-notice"), ("this site uses cookies", "cookie-notice"), ("this website uses cookies", "cookie-notice"), ("accept cookies", "cookie-notice"),
        ("next article", "pager"), ("previous article", "pager"), ("next post", "pager"), ("previous post", "pager"), ("older posts", "pager"), ("newer posts", "pager"),
        ("skip to", "navigation"), ("back to top", "navigation"), ("advertisement", "ad"), ("sponsored", "ad"),
        ("log in", "form"), ("sign in", "form"), ("leave a comment", "comments"), ("leave a reply", "comments"), ("post a comment", "comments"),
        ("privacy policy", "footer"), ("terms of use", "footer"), ("terms and conditions", "footer"), ("powered by", "footer"),
        ("photo:", "caption"), ("photos:", "caption"), ("photograph:", "caption"), ("image:", "caption"), ("credit:", "caption"),
        ("image credit", "caption"), ("picture:", "caption"), ("(photo", "caption"), ("featured image", "caption"),
        // German
        ("foto:", "caption"), ("fotos:", "caption"), ("(foto", "caption"), ("bild:", "caption"), ("beitragsbild", "caption"), ("bildquelle", "caption"),
        ("ähnliche beiträge", "related-links"), ("ähnliche artikel", "related-links"), ("das könnte", "related-links"), ("siehe auch", "related-links"),
        ("lesen sie auch", "related-links"), ("lesen sie hier", "related-links"), ("mehr zum thema", "related-links"), ("meist gelesen", "related-links"),
        ("weiterführende", "related-links"), ("weitere artikel", "related-links"), ("auch interessant", "related-links"), ("empfohlen von", "recommended"),
        ("nächster artikel", "pager"), ("vorheriger artikel", "pager"), ("zurück zur übersicht", "navigation"), ("teilen:", "share"), ("jetzt teilen", "share"),
        ("newsletter abonnieren", "newsletter"), ("jetzt anmelden", "newsletter"), ("anzeige", "ad"), ("werbung", "ad"), ("alle rechte vorbehalten", "copyright"),
        ("wir verwenden cookies", "cookie-notice"), ("diese website verwendet cookies", "cookie-notice"), ("autor:", "byline"), ("autoren:", "byline"),
        // French
        ("lire aussi", "related-links"), ("à lire aussi", "related-links"), ("voir aussi", "related-links"), ("articles similaires", "related-links"),
        ("sur le même sujet", "related-links"), ("partager", "share"), ("abonnez-vous", "newsletter"), ("inscrivez-vous", "newsletter"),
        ("tous droits réservés", "copyright"), ("article suivant", "pager"), ("article précédent", "pager"), ("publicité", "ad"),
        // Spanish, Portuguese, Italian
        ("lea también", "related-links"), ("vea también", "related-links"), ("lee también", "related-links"), ("te puede interesar", "related-links"),
        ("artículos relacionados", "related-links"), ("noticias relacionadas", "related-links"), ("leia também", "related-links"), ("leggi anche", "related-links"),
        ("compartir", "share"), ("compartilhe", "share"), ("condividi", "share"), ("suscríbete", "newsletter"), ("todos los derechos reservados", "copyright"),
        ("todos os direitos reservados", "copyright"), ("tutti i diritti riservati", "copyright"), ("publicidad", "ad"),
        // Polish, Dutch
        ("czytaj także", "related-links"), ("czytaj też", "related-links"), ("zobacz także", "related-links"), ("źródło:", "agency"),
        ("udostępnij", "share"), ("wszelkie prawa zastrzeżone", "copyright"), ("lees ook", "related-links"), ("alle rechten voorbehouden", "copyright"),
        // Headings of related, latest and most-read lists; share, tag and credit labels (English)
        ("latest articles", "related-links"), ("latest news", "related-links"), ("latest posts", "related-links"), ("latest stories", "related-links"),
        ("recent posts", "related-links"), ("recent articles", "related-links"), ("popular posts", "related-links"), ("most read", "related-links"),
        ("most popular", "related-links"), ("more stories", "related-links"), ("more from", "related-links"), ("more on this", "related-links"),
        ("you might also like", "related-links"), ("you may also be interested", "related-links"), ("further reading", "related-links"),
        ("tagged with", "tags"), ("tags:", "tags"), ("filed under", "tags"), ("photo credit", "caption"), ("photos by", "caption"),
        // German
        ("neueste beiträge", "related-links"), ("neueste artikel", "related-links"), ("neueste nachrichten", "related-links"),
        ("weitere beiträge", "related-links"), ("weitere nachrichten", "related-links"), ("weitere themen", "related-links"),
        ("zum weiterlesen", "related-links"), ("schon gelesen", "related-links"), ("viel gelesen", "related-links"), ("meistgelesen", "related-links"),
        ("top themen", "related-links"), ("top-themen", "related-links"),
        ("diese artikel könnten", "related-links"), ("das thema könnte", "related-links"), ("passend zum thema", "related-links"),
        ("beliebte beiträge", "related-links"), ("aktuelle beiträge", "related-links"), ("letzte beiträge", "related-links"),
        ("teilen mit", "share"), ("artikel teilen", "share"), ("beitrag teilen", "share"), ("seite teilen", "share"), ("gefällt mir:", "share"),
        ("markiert mit", "tags"), ("schlagwörter:", "tags"), ("schlagworte:", "tags"), ("titelbild:", "caption"), ("bildnachweis", "caption"),
        ("fotonachweis", "caption"), ("alle angaben ohne gewähr", "footer"), ("quelle:", "agency"),
        // French, Spanish, Portuguese, Italian, Polish
        ("pour lire la suite", "call-to-action"), ("crédits photos", "caption"), ("crédit photo", "caption"), ("dans la même rubrique", "related-links"),
        ("les plus lus", "related-links"), ("à lire également", "related-links"), ("lea más:", "related-links"), ("lea:", "related-links"),
        ("más noticias", "related-links"), ("lo más leído", "related-links"), ("(crédito:", "caption"),
        ("leia mais:", "related-links"), ("i più letti", "related-links"), ("dowiedz się więcej", "related-links"),
        ("więcej informacji", "related-links"), ("najczęściej czytane", "related-links"), ("polecamy:", "related-links"),
    ]

    /// News agencies whose short names close an article's last line, after the editors'
    /// initials: "aja/PAP", "mf/dpa", "(AFP)".
    static let agencies: Set<String> = ["dpa", "afp", "ap", "pap", "apa", "kna", "epd", "reuters", "ansa", "efe", "sda", "ats", "ddp", "kap", "idea", "pti", "ians", "upi"]

    /// Whether a short lowercased line is an agency line: editors' initials and an agency joined by
    /// slashes ("aja/pap", "fw/mf/dpa"), or an agency in brackets ("(afp)").
    static func isAgencyLine(_ lower: [UInt8]) -> Bool {
        // Most short lines have neither a slash nor an opening bracket: no string is made for them.
        guard lower.contains(UInt8(ascii: "/")) || lower.contains(UInt8(ascii: "(")) else { return false }
        let text = String(decoding: lower, as: UTF8.self).filter { $0 != " " }
        if text.hasPrefix("("), text.hasSuffix(")") {
            return agencies.contains(String(text.dropFirst().dropLast()))
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last, agencies.contains(String(last)) else { return false }
        return parts.dropLast().allSatisfy { $0.count >= 1 && $0.count <= 5 && $0.allSatisfy { $0.isLetter } }
    }

    /// Widget labels (lowercased) that are furniture when they are a block's whole text, give or
    /// take a closing colon: a search box's "Search", a "Menu" button, a "Back" link.
    static let labels: [String: String] = [
        "search": "navigation", "suche": "navigation", "recherche": "navigation", "buscar": "navigation", "szukaj": "navigation",
        "menu": "navigation", "menü": "navigation", "back": "navigation", "zurück": "navigation", "retour": "navigation", "volver": "navigation",
        "home": "navigation", "startseite": "navigation", "accueil": "navigation", "inicio": "navigation",
        "weiterlesen": "related-links", "lesen sie mehr": "related-links",
        "share": "share", "teilen": "share", "print": "share", "drucken": "share", "imprimer": "share",
        "tags": "tags", "schlagwörter": "tags", "étiquettes": "tags", "etiquetas": "tags", "kategorien": "tags", "categories": "tags",
    ]

    /// For each byte, the indices in ``prefixes`` of the prefixes that start with it, in order.
    static let prefixesByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, prefix) in prefixes.enumerated() { table[Int(prefix.0[0])].append(index) }
        return table
    }()

    /// Phrases (lowercased) that mark furniture anywhere in a short line.
    static let fragments: [([UInt8], String)] = fragmentsTable.map { (Array($0.0.utf8), $0.1) }
    /// The same, as written.
    static let fragmentsTable: [(String, String)] = [
        ("all rights reserved", "copyright"), ("cookie", "cookie-notice"), ("alle rechte vorbehalten", "copyright"),
        ("tous droits réservés", "copyright"), ("(foto:", "caption"), ("(photo:", "caption"), ("getty images", "caption"),
        ("(©", "caption"), ("istock.com", "caption"), ("/ istock", "caption"), ("pixelio.de", "caption"), ("picture alliance", "caption"),
        ("picture-alliance", "caption"), ("newsletter", "newsletter"),
    ]

    /// Phrases (lowercased) that mark an image caption or credit anywhere in a line.
    static let creditFragments = PhraseSet([
        "photo: ", "photograph: ", "image: ", "credit: ", "photo credit", "image credit", "photo by ", "photo via ", "image via ",
        "via unsplash", "via pexels", "/ shutterstock", "shutterstock", "getty images", "/ reuters", "/ afp", "foto: ", "bild: ",
    ].map { ($0, true) })

    /// Whether a line of up to a few hundred characters credits an image ("Photo: Jane Doe / Reuters").
    static func isCredit(_ text: String) -> Bool {
        guard text.utf8.count < 300 else { return false }
        return creditFragments.contains(in: text)
    }

    /// Words that, with "cookies", make a paragraph a consent notice.
    static let cookieContext: [[UInt8]] = ["consent", "privacy", "website", "browser", "partners", "tracking", "personalis", "personaliz"].map { Array($0.utf8) }

    /// Whether a paragraph of up to 800 characters is a cookie or consent notice.
    static func isCookieNotice(_ text: String) -> Bool {
        guard text.utf8.count < 800, ByteSearch.contains(text, ookieBytes) else { return false }
        let lower = ByteSearch.asciiLowercased(text)
        return ByteSearch.contains(lower, cookiesBytes) && cookieContext.contains { ByteSearch.contains(lower, $0) }
    }

    /// `ookie`, as bytes: a quick test before lowercasing.
    static let ookieBytes = Array("ookie".utf8)

    /// `cookies`, as bytes.
    static let cookiesBytes = Array("cookies".utf8)

    /// English month names and their common abbreviations, lowercased.
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Whether a short line is mostly a date or time stamp ("July 26, 2025, 4:32pm", "2019-04-15 17:38:57",
    /// "By Jane Doe | Feb 26, 2006"): a month name with a number, a clock time or an ISO date, and
    /// few other words.
    static func isDateline(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var hasClock = false, hasISODate = false
        var index = 0
        while index + 2 < bytes.count {
            let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
            if isDigit(bytes[index]) && bytes[index + 1] == UInt8(ascii: ":") && isDigit(bytes[index + 2]) { hasClock = true }
            if index + 9 < bytes.count, isDigit(bytes[index]), isDigit(bytes[index + 3]), bytes[index + 4] == UInt8(ascii: "-"), bytes[index + 7] == UInt8(ascii: "-") { hasISODate = true }
            index += 1
        }
        // Every month name begins with one of these three letters, and lowercasing makes no
        // ASCII letter of them out of any other character: without one, no word is a month.
        if !hasClock, !hasISODate {
            var hasStem = false
            var at = 0
            while at + 2 < bytes.count, !hasStem {
                let packed = UInt32(bytes[at] | 0x20) | UInt32(bytes[at + 1] | 0x20) << 8 | UInt32(bytes[at + 2] | 0x20) << 16
                hasStem = packedMonthStems.contains(packed)
                at += 1
            }
            if !hasStem { return false }
        }
        if !bytes.contains(where: { $0 >= 0x80 }) {  // ASCII: letters and digits are the bytes' own
            let isAlphanumeric: (UInt8) -> Bool = { ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
            var count = 0, hasMonth = false, hasNumber = false
            var start = 0
            while start < bytes.count {
                guard isAlphanumeric(bytes[start]) else { start += 1; continue }
                var end = start + 1
                while end < bytes.count, isAlphanumeric(bytes[end]) { end += 1 }
                count += 1
                guard count <= 10 else { return false }
                if bytes[start] <= 0x39 { hasNumber = true }
                if !hasMonth, end - start >= 3, end - start <= 9 {
                    hasMonth = months.contains(String(decoding: bytes[start..<end].map { $0 | 0x20 }, as: UTF8.self))
                }
                start = end
            }
            return (hasMonth && hasNumber) || hasClock || hasISODate
        }
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        guard words.count <= 10 else { return false }
        let hasMonth = words.contains { months.contains(String($0)) }
        let hasNumber = words.contains { $0.first?.isNumber ?? false }
        return (hasMonth && hasNumber) || hasClock || hasISODate
    }

    /// ``monthStems`` packed into the low three bytes of a number, first letter lowest.
    static let packedMonthStems: [UInt32] = monthStems.map { UInt32($0.0) | UInt32($0.1) << 8 | UInt32($0.2) << 16 }

    /// The first three letters of every name in ``months``.
    static let monthStems: [(UInt8, UInt8, UInt8)] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map {
        let bytes = Array($0.utf8)
        return (bytes[0], bytes[1], bytes[2])
    }

    /// The reason a short line is furniture, or nil.
    ///
    /// A prefix matches at a word boundary only: "tweet" matches "Tweet this" but not "Tweets from".
    static func phraseReason(_ text: String) -> String? {
        let lower = text.utf8.contains { $0 >= 0x80 } ? Array(text.lowercased().utf8) : ByteSearch.asciiLowercased(text)
        // Only prefixes that start with the text's first byte can match (tried in table order).
        for candidate in lower.first.map({ prefixesByFirstByte[Int($0)] }) ?? [] {
            let (prefix, reason) = prefixes[candidate]
            guard ByteSearch.hasPrefix(lower, prefix) else { continue }
            if lower.count == prefix.count { return reason }
            let last = prefix[prefix.count - 1], next = lower[prefix.count]
            let isLetter: (UInt8) -> Bool = { ($0 >= 0x61 && $0 <= 0x7A) || $0 >= 0x80 }
            if !isLetter(last) || !isLetter(next) { return reason }
        }
        if lower.count <= 16 {
            var label = Substring(String(decoding: lower, as: UTF8.self))
            while let last = label.last, last == ":" || last == " " { label.removeLast() }
            while let first = label.first, first == " " { label.removeFirst() }
            if let reason = labels[String(label)] { return reason }
        }
        if lower.count <= 24, isAgencyLine(lower) { return "agency" }
        for (fragment, reason) in fragments where ByteSearch.contains(lower, fragment) {
            return reason
        }
        return nil
    }
}
