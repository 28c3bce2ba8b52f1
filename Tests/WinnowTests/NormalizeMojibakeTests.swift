import Testing
@testable import Winnow

/// Mojibake repair: typical UTF-8-read-as-windows-1252 text is repaired; correct text that merely
/// looks odd is left alone.
@Suite struct NormalizeMojibakeTests {
    /// Repairs mojibake only (no other fix changes these strings' characters).
    func repaired(_ text: String) -> Exact {
        var options = NormalizeOptions()
        options.unicode = .none
        var normalizer = TextNormalizer(options: options)
        return Exact(normalizer.normalize(text))
    }

    /// The mojibake of `text`: its UTF-8 bytes read as windows-1252, as the reader's fallback does.
    func garble(_ text: String) -> String {
        TextDecoding.decodeWindows1252(Array(text.utf8))
    }

    /// Repairs typical mojibake.
    @Test(arguments: [
        ("donâ€™t", "don’t"),
        ("CafÃ©", "Café"),
        ("Ã  la carte", "à la carte"),
        ("voilÃ  tout", "voilà tout"),
        ("Â£5 and Â©2024 and 10Â°C", "£5 and ©2024 and 10°C"),
        ("Ã¼ber naÃ¯ve Ã‰cole faÃ§ade", "über naïve École façade"),
        ("â€œquotedâ€\u{9D} â€” dash â€¦", "“quoted” — dash …"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€ Ð¸ Ð²Ñ\u{81}Ðµ", "Привет, мир и все"),
        ("Î±Î²Î³ and 10 Î¼m", "αβγ and 10 μm"),
        ("wÅ‚aÅ›nie", "właśnie"),
        ("ðŸ˜€ smile", "😀 smile"),
        ("Ã¢â‚¬â„¢ twice", "’ twice"),
        ("donâ\u{80}\u{99}t (Latin-1)", "don’t (Latin-1)"),
        ("100Â km", "100 km"),
        ("ï»¿Title", "Title"),
        ("Â Your price isnâ€™t high.Â", "Your price isn’t high."),
        ("eÌ\u{81}te\u{301}", "e\u{301}te\u{301}"),
        ("aÈ™a", "așa"),
    ])
    func repairsTypicalMojibake(_ input: String, _ expected: String) {
        #expect(repaired(input) == Exact(expected))
    }

    /// Repairs whole garbled sentences.
    @Test func repairsWholeGarbledSentences() {
        for sentence in ["Les élèves sont allés à l’école — déjà!", "Größe: 5 m² für 20 € „günstig“", "日本語のテキスト", "Ελληνικά κείμενα", "Łódź, Kraków i Gdańsk"] {
            #expect(repaired(garble(sentence)) == Exact(sentence), "\(sentence)")
        }
    }

    /// Leaves correct text alone.
    @Test(arguments: [
        "SÃO PAULO e JOÃO", "“IRMÃ”", "Disse AMANHÃ… e foi", "Ç’a été dur", "„MÜNCHEN“ und das „Ü“",
        "2×² = 2x²; 3 × ½; x ± y; 90°; 5µm; a ≥ b; 6 ÷ 3", "The letter Ã is rare; Â too.",
        "à la carte, déjà vu, Où êtes-vous ? À Paris, Ça va", "Καλημέρα κόσμε", "Привет, мир",
        "Não, São João, maçã", "¿Qué? ¡Olé! «ESPAÑA»", "naïve Zoë Ærø Øresund ß",
        "Tiếng Việt", "CAFÉ» ÉTÉ” DÉJÀ", "€5 — “quoted” — ‘single’ … ™ •",
        "I saw \"Ã¤\" instead of \"ä\" for years.", "Price: 5 Â", "Answer: Â", "PÂ»",
    ])
    func leavesCorrectTextAlone(_ text: String) {
        #expect(repaired(text) == Exact(text))
    }

    /// Counts each repaired sequence.
    @Test func countsEachRepairedSequence() {
        var normalizer = TextNormalizer()
        _ = normalizer.normalize("CafÃ© donâ€™t")
        #expect(normalizer.counts[.mojibake] == 2)
        #expect(normalizer.counts.total == 2)
    }

    /// Single sequences need the blocks evidence.
    @Test func singleSequencesNeedTheBlocksEvidence() {
        // "Ñ‡" alone could be Spanish text; next to strong Cyrillic mojibake it is a letter.
        #expect(repaired("AÑ‡") == "AÑ‡")
        #expect(repaired("Ð¿Ñ€Ð¸ Ñ‡") == "при ч")
    }
}
