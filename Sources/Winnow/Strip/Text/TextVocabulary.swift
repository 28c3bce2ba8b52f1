/// The word lists the text stripper measures blocks with: stop words of the commonest web
/// languages, and lexicons of legal, interface and time words. Words are compared by a 64-bit
/// hash of their lower-cased letters, so a block is measured without making a string per word,
/// and one dictionary lookup gives every list a word is in (``flags``).
enum TextVocabulary {
    /// Bits of ``flags`` after the stop-word languages' bits (0 to 9).
    static let legalBit: UInt32 = 1 << 10, interfaceBit: UInt32 = 1 << 11, timeBit: UInt32 = 1 << 12, phraseBit: UInt32 = 1 << 13,
        bioBit: UInt32 = 1 << 14, promotionBit: UInt32 = 1 << 15, weBit: UInt32 = 1 << 16, youBit: UInt32 = 1 << 17, copulaBit: UInt32 = 1 << 18

    /// For every listed word, the lists it is in: bit `n` for ``stopWords``[n], then the lexicons
    /// and whether a phrase of ``TextPhrases`` starts with it.
    static let flags = WordTable(flagsByWord)

    /// ``flags`` as a dictionary.
    static let flagsByWord: [UInt64: UInt32] = {
        var flags: [UInt64: UInt32] = [:]
        for (index, list) in stopWords.enumerated() {
            for word in list.words { flags[word, default: 0] |= 1 << UInt32(index) }
        }
        for word in legalWords { flags[word, default: 0] |= legalBit }
        for word in interfaceWords { flags[word, default: 0] |= interfaceBit }
        for word in timeWords { flags[word, default: 0] |= timeBit }
        for word in TextPhrases.byFirstWord.keys { flags[word, default: 0] |= phraseBit }
        for (words, bit) in [(bioWords, bioBit), (promotionWords, promotionBit), (weWords, weBit), (youWords, youBit), (copulas, copulaBit)] {
            for word in words { flags[word, default: 0] |= bit }
        }
        return flags
    }()

    /// FNV-1a offset basis: the hash of the empty word.
    static let emptyHash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A read-only table from word hashes to numbers, with open addressing: the words' FNV
    /// hashes are already spread, so lookups skip the standard library's hashing.
    struct WordTable: Sendable {
        /// The keys by slot; 0 marks an empty slot (a word whose hash is 0 is stored as 1).
        private var keys: [UInt64]
        /// The values by slot.
        private var values: [UInt32]
        /// The number of slots less one (a power of two less one).
        private let mask: Int

        /// Builds the table of `entries`.
        init(_ entries: [UInt64: UInt32]) {
            var size = 16
            while size < entries.count * 2 { size *= 2 }
            keys = [UInt64](repeating: 0, count: size)
            values = [UInt32](repeating: 0, count: size)
            mask = size - 1
            for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
                var slot = Self.slot(Self.stored(key), mask)
                while keys[slot] != 0 { slot = (slot + 1) & mask }
                keys[slot] = Self.stored(key)
                values[slot] = value
            }
        }

        /// The key as stored: 0 is kept for empty slots.
        @inline(__always)
        static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

        /// The first slot to probe for a key.
        @inline(__always)
        static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: key ^ (key >> 31)) & mask }

        /// The value of a word's hash, if the word is in the table.
        @inline(__always)
        subscript(_ key: UInt64) -> UInt32? {
            let key = Self.stored(key)
            var slot = Self.slot(key, mask)
            while true {
                let found = keys[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Folds one scalar value to lower case for the scripts of the stop-word lists (Latin,
    /// Latin-1, Latin Extended-A, Greek, Cyrillic); other scalars are returned as they are.
    @inline(__always)
    static func lower(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE, 0x391...0x3A9, 0x410...0x42F: return value + 0x20
        case 0x400...0x40F: return value + 0x50
        case 0x100...0x137, 0x14A...0x177: return value | 1
        case 0x139...0x148, 0x179...0x17E: return value & 1 == 1 ? value + 1 : value
        default: return value
        }
    }

    /// Adds one scalar, lower-cased, to a running word hash.
    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        var hash = hash
        var folded = lower(value)
        repeat {
            hash = (hash ^ UInt64(folded & 0xFF)) &* 0x100_0000_01b3
            folded >>= 8
        } while folded != 0
        return hash
    }

    /// The hash of a word, lower-cased.
    static func hash<S: StringProtocol>(_ word: S) -> UInt64 {
        var hash = emptyHash
        for scalar in word.unicodeScalars { hash = mix(hash, scalar.value) }
        return hash
    }

    /// The hashes of space-separated words.
    static func hashes(_ words: String) -> Set<UInt64> {
        Set(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { hash($0) })
    }

    /// Stop words by ISO 639-1 code: the most frequent function words of each language.
    static let stopWords: [(language: String, words: Set<UInt64>)] = [
        ("en", hashes("the of and to a in is it that for on was with as be by at this are from or have an not but his her they you we he she i my our your their its has had were been will would can could which who what when there all if so no do does did about into than them then also more some out up one just these those other any only may after over")),
        ("de", hashes("der die das und in zu den von mit ist des sich im nicht dem ein eine auf für es auch an als bei sind wird werden hat war wie nach aus oder aber noch vor zur zum so einer eines sie er wir ich man nur wenn dass über um am einem haben schon kann durch ihre sein")),
        ("fr", hashes("le la les de des du et en un une est que qui pour dans sur pas par au aux il elle ne se ce son sa ses plus avec sont ou mais nous vous ils on été être leur cette comme tout fait aussi où si même entre")),
        ("es", hashes("el la los las de del y en un una es que por con para se no su sus al lo como más pero le ha fue son está este esta entre sobre también o muy sin hay cuando donde todo ya ser han nos")),
        ("it", hashes("il lo la i gli le di del della dei delle e è un una che per con non si da al alla in sono come ma anche più nel nella ha questo questa dal sul suo sua loro essere stato era o se tra")),
        ("pt", hashes("o a os as de do da dos das e em um uma que para com não se por no na nos nas ao à é são foi mais mas como seu sua ele ela isso este esta entre também pelo pela ou já muito")),
        ("nl", hashes("de het een en van in is dat op te voor met zijn niet die aan er als ook om bij door maar naar dan of uit worden wordt heeft hebben was werd nog wel over zo deze dit je we ze hij")),
        ("pl", hashes("i w na z do się nie jest to że o jak po dla od za co ale przez jego tym są oraz może być tak już tylko jej ich który która które jako czy przy tego")),
        ("ru", hashes("и в не на что с по к как это из у за от о так для но же то все его она он они был была было бы при мы вы уже или только еще если до когда")),
        ("sv", hashes("och i att det som en på är av för med till den har de inte om ett var men så han hon vi kan från vid eller sig ska skulle också")),
    ]

    /// Words of privacy notices, terms and legal small print, in several languages.
    static let legalWords = hashes("""
        privacy cookie cookies personal data consent terms policy policies rights reserved disclaimer liability \
        affiliate affiliates advertising advertisers partners third parties gdpr ccpa opt-out unsubscribe trademark \
        trademarks registered copyright license licence compensation commission sponsored datenschutz impressum \
        nutzungsbedingungen einwilligung haftung données confidentialité mentions légales datos privacidad \
        aviso legal privacidade dati riservatezza gegevens voorwaarden prywatności
        """)

    /// Words of site interfaces: menus, accounts, carts, sharing, paging, in several languages.
    static let interfaceWords = hashes("""
        menu search login logout sign register account cart basket checkout wishlist subscribe newsletter share \
        tweet pin email print follow like comment comments reply replies loading close open toggle expand collapse \
        skip navigation home back top previous next more less view show hide download apply filter sort clear select \
        submit suche anmelden abmelden konto warenkorb teilen drucken mehr weiter zurück startseite rechercher \
        connexion compte panier partager accueil suivant précédent buscar cuenta carrito compartir inicio siguiente \
        anterior cerca accedi carrello condividi zoeken inloggen winkelwagen delen volgende vorige szukaj zaloguj \
        koszyk udostępnij dalej
        """)

    /// Words of relative times and durations ("3 hours ago", "vor 2 Tagen"), in several languages.
    static let timeWords = hashes("""
        ago hour hours minute minutes day days week weeks month months year years yesterday today vor stunde \
        stunden minuten tag tagen woche wochen monat monaten jahr jahren gestern heute heure heures jour \
        jours semaines mois ans hier hace hora horas día días semanas meses años ayer hoy ore giorni settimane \
        mesi anni ieri oggi geleden uur dagen weken maanden jaren gisteren vandaag temu godzin dni wczoraj dzisiaj
        """)

    /// Words of author biographies ("... is a freelance writer with ten years of experience").
    static let bioWords = hashes("""
        writer writers editor author authors journalist reporter correspondent columnist contributor contributing \
        freelance founder co-founder ceo expert specialist specializes specialises covers covering experience degree \
        graduate graduated passionate lives based holds award-winning bachelor master phd journalism autor autorin \
        redakteur redakteurin journalistin journaliste rédacteur rédactrice periodista redactor giornalista scrittore \
        jornalista redacteur dziennikarz
        """)

    /// Words of promotions and offers ("Free shipping on orders over $75", "Request a demo today").
    static let promotionWords = hashes("""
        free shipping offer offers discount deal deals save sale buy order shop price pricing trial demo subscribe \
        join explore discover request contact call today now get started quote book booking enroll apply membership \
        member premium exclusive limited kostenlos gratis versandkostenfrei angebot rabatt jetzt gratuit livraison \
        offre promo envío oferta descuento spedizione offerta sconto
        """)

    /// First person plural: the site speaking of itself.
    static let weWords = hashes("we our us ours wir unser unsere uns nous notre nos nosotros nuestro nuestra noi nostro nostra wij ons onze nasz")

    /// Second person: the site speaking to the reader.
    static let youWords = hashes("you your yours du dein deine ihr euch vous votre vos tu ton ta usted tuo tua voi jij jouw")

    /// "is", "was", "has" in several languages: the verb after a name in a biography.
    static let copulas = hashes("is was has ist war hat est était a es era ha è è é foi tem jest był")
}
