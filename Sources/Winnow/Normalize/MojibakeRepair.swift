/// Repairs mojibake, UTF-8 that was read as windows-1252 or Latin-1, where the evidence is strong.
///
/// Like ftfy, it never re-decodes text wholesale: it finds each run of characters that is the
/// windows-1252 reading of one valid UTF-8 sequence (``MojibakeCandidate``) and replaces it only
/// when correct text would not plausibly contain it:
///
/// - **Plausible only**: a result that is a control, private-use or unassigned character, or (for
///   two bytes) a character of a block mojibake rarely comes from (IPA, Syriac, NKo: "Ç’a" in
///   French would read as "ǒa"), is never a candidate (``MojibakeCandidate/isPlausible``).
/// - **Strong**: a three- or four-byte sequence ("â€™", "ðŸ˜€"), or two or more sequences back
///   to back ("ÐŸÑ€"): accepted.
/// - **Single two-byte sequences** need their own evidence: "Â" or "Ã" before a symbol ("Â£",
///   "CafÃ©"); Latin Extended letters after or before a lowercase letter ("wÅ‚adza", "aÈ™a"); a
///   combining mark after a letter (decomposed text); a Greek letter not after a capital
///   ("10 Î¼m"); any other letter only when the same block holds strong mojibake.
/// - **Never** the end of a capitalized word followed by closing punctuation ("IRMÃ”", "AMANHÃ…"
///   in Portuguese).
/// - "Ã" or "Â" before a space whose no-break space was lost: "voilÃ " → "voilà ", "Ã  la" → "à la",
///   "100Â km" → "100 km" (see ``acceptsSpaced(_:in:evidence:)``).
///
/// Double mojibake ("Ã¢â‚¬â„¢") is repaired in rounds until nothing changes.
enum MojibakeRepair {
    /// Repairs `text`, using `scratch` as the output buffer; returns whether anything changed.
    static func apply(_ text: inout [Unicode.Scalar], scratch: inout [Unicode.Scalar], counts: inout NormalizeFixCounts) -> Bool {
        var changed = false
        var rounds = 0
        while rounds < 8, repairOnce(text, into: &scratch, counts: &counts) {
            swap(&text, &scratch)
            changed = true
            rounds += 1
        }
        return changed
    }

    /// One pass: finds candidates, decides, rewrites; returns whether anything was repaired.
    static func repairOnce(_ text: [Unicode.Scalar], into output: inout [Unicode.Scalar], counts: inout NormalizeFixCounts) -> Bool {
        var candidates: [(candidate: MojibakeCandidate, spaced: Bool)] = []
        var index = 0
        while index < text.count {
            let value = text[index].value
            if value >= 0xC2 && value <= 0xF4 {
                if let candidate = MojibakeCandidate.at(index, in: text), candidate.isPlausible {
                    candidates.append((candidate, false))
                    index = candidate.end
                    continue
                }
                if let candidate = spacedCandidate(at: index, in: text) {
                    candidates.append((candidate, true))
                }
            }
            index += 1
        }
        guard !candidates.isEmpty else { return false }
        let accepted = decide(candidates, in: text)
        guard accepted.contains(true) else { return false }
        output.removeAll(keepingCapacity: true)
        var position = 0
        for (offset, entry) in candidates.enumerated() where accepted[offset] {
            output.append(contentsOf: text[position..<entry.candidate.start])
            if let value = entry.candidate.value { output.append(value) }
            position = entry.candidate.end
            counts[.mojibake] += 1
        }
        output.append(contentsOf: text[position...])
        return true
    }

    /// Which candidates to repair: strong clusters first, then single sequences with the block's evidence.
    static func decide(_ candidates: [(candidate: MojibakeCandidate, spaced: Bool)], in text: [Unicode.Scalar]) -> [Bool] {
        var accepted = [Bool](repeating: false, count: candidates.count)
        var singles: [Int] = []
        var evidence = false
        var first = 0
        while first < candidates.count {
            if candidates[first].spaced {
                singles.append(first)
                first += 1
                continue
            }
            var end = first + 1
            while end < candidates.count, !candidates[end].spaced, candidates[end].candidate.start == candidates[end - 1].candidate.end {
                end += 1
            }
            let cluster = first..<end
            if cluster.count >= 2 || candidates[first].candidate.length >= 3 {
                cluster.forEach { accepted[$0] = true }
                evidence = true
            } else {
                singles.append(first)
            }
            first = end
        }
        for offset in singles {
            let (candidate, spaced) = candidates[offset]
            accepted[offset] = spaced ? acceptsSpaced(candidate, in: text, evidence: evidence) : acceptsSingle(candidate, in: text, evidence: evidence)
        }
        return accepted
    }

    /// Whether a lone two-byte sequence has enough evidence of its own (or from the block).
    static func acceptsSingle(_ candidate: MojibakeCandidate, in text: [Unicode.Scalar], evidence: Bool) -> Bool {
        let previous = candidate.start > 0 ? text[candidate.start - 1] : nil
        let next = candidate.end < text.count ? text[candidate.end] : nil
        let second = MojibakeCandidate.continuationByte(text[candidate.start + 1]) ?? 0
        if isUppercase(previous), !isLetterOrDigit(next), closingBytes.contains(second) {
            return false
        }
        guard let value = candidate.value else { return false }
        let letter = value.properties.isAlphabetic
        if !evidence, letter, isQuote(previous), isQuote(next) {
            return false
        }
        switch text[candidate.start].value {
        case 0xC2, 0xC3:
            return true
        case 0xC4...0xC9:
            return letter && (isLowercase(previous) || (isLowercase(next) && isLowercase(value)) || evidence)
        case 0xCC, 0xCD:
            return previous?.properties.isAlphabetic ?? false
        case 0xCE, 0xCF:
            return letter && !isUppercase(previous)
        default:
            return letter && evidence
        }
    }

    /// Continuation bytes whose windows-1252 characters may legitimately close a word that ends
    /// in a capital such as "Ã": … ‘ ’ “ ” – — no-break space « ».
    static let closingBytes: Set<UInt32> = [0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xA0, 0xAB, 0xBB]

    /// "Ã" or "Â" followed by whitespace or the end of the text: the repair when the no-break
    /// space byte became a space or was trimmed. "Ã" becomes "à"; "Â" goes.
    static func spacedCandidate(at index: Int, in text: [Unicode.Scalar]) -> MojibakeCandidate? {
        guard index + 1 == text.count || text[index + 1].properties.isWhitespace else { return nil }
        switch text[index].value {
        case 0xC3: return MojibakeCandidate(start: index, length: 1, value: "\u{E0}")
        case 0xC2: return MojibakeCandidate(start: index, length: 1, value: nil)
        default: return nil
        }
    }

    /// Whether a spaced candidate is safe: "Ã " after a lowercase letter, or as a word before a
    /// lowercase word when two spaces follow (the lost no-break space and the real one: "Ã  la")
    /// or the block holds strong mojibake; "Â " after a lowercase letter, digit or punctuation,
    /// or anywhere else (but after a capital) when the block holds strong mojibake.
    static func acceptsSpaced(_ candidate: MojibakeCandidate, in text: [Unicode.Scalar], evidence: Bool) -> Bool {
        let previous = candidate.start > 0 ? text[candidate.start - 1] : nil
        let afterLead = previous.map { !$0.properties.isWhitespace } ?? false
        if text[candidate.start].value == 0xC3 {
            if isLowercase(previous) { return true }
            guard !afterLead else { return false }
            var next = candidate.start + 1
            while next < text.count, text[next].properties.isWhitespace { next += 1 }
            return next < text.count && isLowercase(text[next]) && (evidence || next - candidate.start > 2)
        }
        guard let previous, !previous.properties.isWhitespace else { return evidence }
        return !previous.properties.isAlphabetic || isLowercase(previous)
    }

    /// Whether a scalar is present and a quotation mark: a sequence between two is a mention
    /// (`saw "Ã¤" instead of "ä"`), left alone unless the block holds strong mojibake.
    static func isQuote(_ scalar: Unicode.Scalar?) -> Bool {
        switch scalar?.value ?? 0 {
        case 0x22, 0x27, 0x60, 0xAB, 0xBB, 0x2018...0x201F, 0x2039, 0x203A: return true
        default: return false
        }
    }

    /// Whether a scalar is present and lowercase.
    static func isLowercase(_ scalar: Unicode.Scalar?) -> Bool { scalar?.properties.isLowercase ?? false }

    /// Whether a scalar is present and uppercase.
    static func isUppercase(_ scalar: Unicode.Scalar?) -> Bool { scalar?.properties.isUppercase ?? false }

    /// Whether a scalar is present and a letter or digit.
    static func isLetterOrDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
