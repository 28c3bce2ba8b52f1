/// Phrases of site furniture in several languages, each with the reason it is removed: share
/// bars, newsletter prompts, cookie notices, pagers, "Recommended by" widgets, related links,
/// calls to action, copyright lines, navigation and comment prompts.
///
/// Phrases are matched word by word on a block's word hashes (see ``TextVocabulary``), so
/// "Share this:" matches "share this" and "Shared" does not match "share".
enum TextPhrases {
    /// Why a block made of a phrase is removed; the raw value is the trace's reason.
    enum Reason: String, Sendable, Hashable, CaseIterable {
        case share, newsletter, recommended, pager, copyright, navigation, comments, advertisement
        case cookieNotice = "cookie-notice", relatedLinks = "related-links", callToAction = "call-to-action"

        /// The most words a block starting with such a phrase may have to be removed for it alone.
        var ruleLimit: Int {
            switch self {
            case .cookieNotice: 60
            case .share, .newsletter, .pager, .advertisement: 6
            case .recommended: 5
            case .navigation, .callToAction, .relatedLinks, .comments: 3
            case .copyright: 0
            }
        }

        /// Whether a short block with the phrase closes an article ("Related", "Share", "Comments").
        var closesArticle: Bool {
            switch self {
            case .relatedLinks, .recommended, .comments, .newsletter, .share, .pager: true
            default: false
            }
        }
    }

    /// One phrase: its words' hashes and its reason.
    struct Phrase: Sendable {
        /// The hashes of the phrase's words.
        var words: [UInt64]
        /// Why a block made of it is removed.
        var reason: Reason
    }

    /// What the phrases found in a block.
    struct Match: Sendable, Hashable {
        /// How many phrases occur.
        var count = 0
        /// How many of the block's words the phrases cover.
        var covered = 0
        /// The reason of the phrase that starts the block, if one does.
        var leading: Reason?
        /// The reason of the first phrase anywhere in the block.
        var first: Reason?
        /// Whether a copyright phrase occurs ("Copyright", "All rights reserved").
        var copyright = false
        /// Whether a phrase reserving rights occurs ("All rights reserved", "Alle Rechte vorbehalten").
        var rights = false
    }

    /// The phrases by reason, written in lower case without punctuation.
    static let table: [(reason: Reason, phrases: String)] = [
        (.share, "share|share this|share on|share article|share via|tweet|pin it|email this|print this|teilen|jetzt teilen|artikel teilen|partager|compartir|condividi|compartilhe|compartilhar|delen|udostępnij|поделиться"),
        (.newsletter, "newsletter|sign up|subscribe|subscribe now|get our newsletter|join our newsletter|newsletter abonnieren|abonnieren|abonnez-vous|inscrivez-vous|suscríbete|suscribirse|iscriviti|inschrijven|zapisz się|подписаться"),
        (.cookieNotice, "we use cookies|this site uses cookies|this website uses cookies|use of cookies|accept cookies|accept all cookies|cookie settings|cookie policy|cookie preferences|wir verwenden cookies|diese website verwendet cookies|nous utilisons des cookies|utilizamos cookies|utilizziamo i cookie|wij gebruiken cookies|używamy plików cookie"),
        (.recommended, "recommended by|recommended for you|recommended|promoted stories|sponsored stories|from our partners|empfohlen von|empfohlen|recommandé par|recommandé|recomendado|consigliati|aanbevolen|polecane"),
        (.pager, "next article|previous article|next post|previous post|next story|previous story|older posts|newer posts|next page|previous page|load more|nächster artikel|vorheriger artikel|nächste seite|article suivant|article précédent|siguiente artículo|artículo anterior|articolo successivo|articolo precedente|volgend artikel|vorig artikel|następny artykuł|poprzedni artykuł"),
        (.relatedLinks, "related articles|related stories|related posts|related content|related|you may also like|you might also like|more from|more stories|read next|read also|also read|see also|more on this|popular posts|most read|most popular|trending|ähnliche artikel|ähnliche beiträge|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|auch interessant|weitere artikel|meistgelesen|lire aussi|à lire aussi|voir aussi|articles similaires|sur le même sujet|lea también|lee también|te puede interesar|artículos relacionados|noticias relacionadas|leggi anche|articoli correlati|leia também|lees ook|gerelateerde artikelen|czytaj także|czytaj też|zobacz także|читайте также"),
        (.callToAction, "read more|continue reading|click here|learn more|find out more|see more|show more|view all|see all|get started|buy now|shop now|order now|book now|add to cart|add to bag|download|sign in|log in|login|register|create account|weiterlesen|mehr lesen|mehr erfahren|jetzt kaufen|in den warenkorb|lire la suite|en savoir plus|leer más|seguir leyendo|más información|continua a leggere|scopri di più|leia mais|saiba mais|lees meer|meer lezen|czytaj więcej|подробнее|читать далее"),
        (.copyright, "all rights reserved|copyright|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|alle rechten voorbehouden|wszelkie prawa zastrzeżone|все права защищены"),
        (.navigation, "skip to content|skip to main content|skip to navigation|back to top|main menu|menu|home|toggle navigation|zum inhalt springen|startseite|accueil|aller au contenu|inicio|ir al contenido|vai al contenuto|naar inhoud"),
        (.comments, "leave a comment|leave a reply|post a comment|add a comment|comments|kommentare|kommentar schreiben|commentaires|comentarios|commenti|reacties|komentarze"),
        (.advertisement, "advertisement|sponsored|sponsored content|anzeige|werbung|publicité|publicidad|pubblicità|advertentie|reklama|реклама"),
    ]

    /// The phrases by the hash of their first word, longest first.
    static let byFirstWord: [UInt64: [Phrase]] = {
        var index: [UInt64: [Phrase]] = [:]
        for (reason, phrases) in table {
            for phrase in phrases.split(separator: "|") {
                let words = phrase.split(separator: " ").map { TextVocabulary.hash($0) }
                index[words[0], default: []].append(Phrase(words: words, reason: reason))
            }
        }
        return index.mapValues { $0.sorted { $0.words.count > $1.words.count } }
    }()

    /// The lists of ``byFirstWord``, in an array.
    static let lists: [[Phrase]] = byFirstWord.keys.sorted().map { byFirstWord[$0]! }

    /// The index in ``lists`` of the phrases starting with a word.
    static let listIndex = TextVocabulary.WordTable(Dictionary(uniqueKeysWithValues: byFirstWord.keys.sorted().enumerated().map { ($1, UInt32($0)) }))

    /// The phrases in a block's words (their hashes, in order).
    static func match(_ words: ArraySlice<UInt64>) -> Match {
        var result = Match()
        var position = words.startIndex
        while position < words.endIndex {
            guard let list = listIndex[words[position]] else {
                position += 1
                continue
            }
            var matched: Phrase?
            for phrase in lists[Int(list)] where position + phrase.words.count <= words.endIndex {
                if words[position..<(position + phrase.words.count)].elementsEqual(phrase.words) {
                    matched = phrase
                    break
                }
            }
            guard let phrase = matched else {
                position += 1
                continue
            }
            if position == words.startIndex { result.leading = phrase.reason }
            if result.first == nil { result.first = phrase.reason }
            if phrase.reason == .copyright {
                result.copyright = true
                if phrase.words.count > 1 { result.rights = true }
            }
            result.count += 1
            result.covered += phrase.words.count
            position += phrase.words.count
        }
        return result
    }
}
