/// Walks the tokens of a date text and picks out one date, a time and a zone, in any order the
/// web writes them; the engine behind ``DateParsing``.
struct DateScanner {
    /// The tokens of the text.
    let tokens: [Token]
    /// The position being read.
    var index = 0
    /// The date found: year, month (nil for a bare year) and day (nil for a month).
    var date: (year: Int, month: Int?, day: Int?)?
    /// The time found.
    var time: (hour: Int, minute: Int, second: Int?)?
    /// The zone's offset in minutes, when known.
    var offset: Int?
    /// A US zone whose offset depends on daylight time (`ET`), by its standard offset.
    var usZone: Int?
    /// Words outside the date.
    var otherWords = 0

    /// Creates a scanner over the tokens of `text`.
    init(_ text: String) {
        tokens = Token.split(text)
    }

    /// Reads all tokens; the date found with the time and zone around it.
    mutating func run() -> DateParsing.Scan? {
        while index < tokens.count {
            if date == nil, let found = numericDate() ?? namedDate() {
                date = found
            } else if time == nil, let found = clock() {
                time = found
            } else if time != nil, offset == nil, usZone == nil, zone() {
                continue
            } else {
                let token = tokens[index]
                if token.kind == .word, !DateParsing.fillers.contains(token.lower) { otherWords += 1 }
                if token.kind == .number { otherWords += 1 }
                index += 1
            }
        }
        if date == nil { date = bareYear() }
        guard let date else { return nil }
        if let usZone, let time, let month = date.month, let day = date.day {
            offset = usZone + (DateParsing.usDaylightTime(year: date.year, month: month, day: day, hour: time.hour) ? 60 : 0)
        }
        let value = DateParsing.value(year: date.year, month: date.month, day: date.day, time: date.day == nil ? nil : time, offset: offset)
        return DateParsing.Scan(value: value, otherWords: otherWords)
    }

    /// The token at `index + ahead`, if any.
    func peek(_ ahead: Int = 0) -> Token? {
        index + ahead < tokens.count ? tokens[index + ahead] : nil
    }

    /// Whether the token at `index + ahead` is the mark `mark`.
    func isMark(_ ahead: Int, _ mark: String) -> Bool {
        peek(ahead).map { $0.kind == .mark && $0.text == mark } ?? false
    }

    /// A number token at `index + ahead` with at most `digits` digits, in `range`.
    func number(_ ahead: Int, digits: ClosedRange<Int> = 1...2, in range: ClosedRange<Int> = 0...9999) -> Int? {
        guard let token = peek(ahead), token.kind == .number, digits.contains(token.text.count), range.contains(token.number) else { return nil }
        return token.number
    }

    /// A year written with four digits, or two (taken as 20xx).
    func year(_ ahead: Int, allowShort: Bool) -> Int? {
        if let year = number(ahead, digits: 4...4, in: 1900...2100) { return year }
        if allowShort, let short = number(ahead, digits: 2...2), !isMark(ahead + 1, ":") { return 2000 + short }
        return nil
    }

    /// Checks a date; nil when the day does not exist.
    func valid(_ year: Int, _ month: Int, _ day: Int) -> (year: Int, month: Int?, day: Int?)? {
        guard (1...12).contains(month), day >= 1, day <= DateParsing.daysIn(month: month, year: year) else { return nil }
        return (year, month, day)
    }

    /// `2022-02-26`, `2022/02/26`, `26.02.2022`, `26/02/2022`, `02/26/2022`.
    mutating func numericDate() -> (year: Int, month: Int?, day: Int?)? {
        guard let first = number(0, digits: 1...4), let separator = peek(1), separator.kind == .mark,
              ["-", "/", "."].contains(separator.text), let second = number(2), isMark(3, separator.text) else { return nil }
        if peek(0)?.text.count == 4, let day = number(4), let found = valid(first, second, day) {
            index += 5
            return found
        }
        guard peek(0)!.text.count <= 2, let year = year(4, allowShort: separator.text != "-") else { return nil }
        let monthFirst = separator.text == "/" && first <= 12
        guard let found = monthFirst ? valid(year, first, second) : valid(year, second, first) else { return nil }
        index += 5
        return found
    }

    /// The month named by the token at `index + ahead`, with how many tokens it takes (a dot).
    func monthName(_ ahead: Int) -> (month: Int, length: Int)? {
        guard let token = peek(ahead), token.kind == .word, let month = DateParsing.months[token.lower] else { return nil }
        return (month, isMark(ahead + 1, ".") ? 2 : 1)
    }

    /// How many tokens at `index + ahead` are skippable glue: `,`, `.`, `de`, `of`, `st`/`th`.
    func glue(_ ahead: Int) -> Int {
        var count = 0
        while let token = peek(ahead + count), count < 3,
              (token.kind == .mark && [",", "."].contains(token.text)) || (token.kind == .word && ["de", "of", "st", "nd", "rd", "th", "er"].contains(token.lower)) {
            count += 1
        }
        return count
    }

    /// `26 February 2022`, `18. November 2024`, `February 26, 2022`, `Jan. 9, 2025`, `Feb 2022`.
    mutating func namedDate() -> (year: Int, month: Int?, day: Int?)? {
        if let day = number(0, in: 1...31) {
            let at = 1 + glue(1)
            if let (month, length) = monthName(at) {
                let yearAt = at + length + glue(at + length)
                if let year = year(yearAt, allowShort: true), let found = valid(year, month, day) {
                    index += yearAt + 1
                    return found
                }
            }
            return nil
        }
        guard let (month, length) = monthName(0) else { return nil }
        if let day = number(length, in: 1...31), !isMark(length + 1, ":") {
            let yearAt = length + 1 + glue(length + 1)
            if let year = year(yearAt, allowShort: false), let found = valid(year, month, day) {
                index += yearAt + 1
                return found
            }
        }
        if let year = number(length + glue(length), digits: 4...4, in: 1900...2100) {
            index += length + glue(length) + 1
            return (year, month, nil)
        }
        return nil
    }

    /// A lone four-digit year when the text holds no other date.
    func bareYear() -> (year: Int, month: Int?, day: Int?)? {
        let numbers = tokens.filter { $0.kind == .number }
        guard numbers.count == 1, numbers[0].text.count == 4, (1900...2100).contains(numbers[0].number), otherWords <= 1 else { return nil }
        return (numbers[0].number, nil, nil)
    }

    /// `15:37`, `15:37:20`, `6:45 p.m.`, `7:45am`, `3 pm`, `14.05 Uhr`, `15h37`.
    mutating func clock() -> (hour: Int, minute: Int, second: Int?)? {
        guard let hour = number(0, in: 0...24) else { return nil }
        var minute = 0, second: Int?, length = 1
        if (isMark(1, ":") || (isMark(1, ".") && peek(3)?.lower == "uhr") || peek(1)?.lower == "h"), let found = number(2, digits: 2...2, in: 0...59) {
            minute = found
            length = 3
            if isMark(3, ":"), let found = number(4, digits: 2...2, in: 0...60) {
                second = found
                length = 5
                if isMark(5, "."), number(6, digits: 1...9) != nil { length = 7 }
            }
        }
        var hour24 = hour
        if let word = peek(length)?.lower, word == "am" || word == "pm" {
            guard (1...12).contains(hour) else { return nil }
            hour24 = hour % 12 + (word == "pm" ? 12 : 0)
            length += 1
        } else if length == 1 {
            return nil
        }
        guard hour24 < 24 else { return nil }
        index += length
        return (hour24, minute, second)
    }

    /// A zone: `IST`, `Z`, `GMT+5:30`, `+05:30`, `-0500`; moves past it and sets the offset.
    mutating func zone() -> Bool {
        guard let token = peek() else { return false }
        var base = 0, length = 0
        if token.kind == .word, token.text == token.text.uppercased() || token.text == "z" {
            if let standard = DateParsing.usZones[token.text] {
                usZone = standard
                index += 1
                return true
            }
            guard let known = DateParsing.zones[token.text.uppercased() == "Z" ? "Z" : token.text] else { return false }
            base = known
            length = 1
        }
        if let sign = peek(length), sign.kind == .mark, sign.text == "+" || sign.text == "-" || sign.text == "−",
           let digits = peek(length + 1), digits.kind == .number, digits.text.count <= 4,
           length > 0 || digits.text.count == 4 || isMark(length + 2, ":") {
            var minutes = digits.text.count > 2 ? digits.number / 100 * 60 + digits.number % 100 : digits.number * 60
            var used = 2
            if digits.text.count <= 2, isMark(length + 2, ":"), let extra = number(length + 3, digits: 2...2, in: 0...59) {
                minutes += extra
                used = 4
            }
            if minutes <= 14 * 60 {
                offset = base + (sign.text == "+" ? minutes : -minutes)
                index += length + used
                return true
            }
        }
        guard length > 0 else { return false }
        offset = base
        index += length
        return true
    }
}

extension DateScanner {
    /// One token of a date text: a number, a word, or a punctuation mark.
    struct Token: Sendable, Hashable {
        /// What a token is.
        enum Kind: Sendable, Hashable { case number, word, mark }
        /// The kind.
        var kind: Kind
        /// The text as written (a word or mark), or the digits.
        var text: String
        /// A number's value.
        var number: Int = 0

        /// The lower-cased word.
        var lower: String { text.lowercased() }

        /// Splits text into numbers, words and marks; "a.m." and "p.m." become the words "am" and "pm".
        static func split(_ text: String) -> [Token] {
            var tokens: [Token] = []
            var current = "", currentKind: Kind? = nil
            func flush() {
                guard let kind = currentKind else { return }
                tokens.append(Token(kind: kind, text: current, number: kind == .number ? Int(current.prefix(9)) ?? 0 : 0))
                current = ""
                currentKind = nil
            }
            for scalar in text.unicodeScalars {
                let kind: Kind? = ("0"..."9").contains(scalar) ? .number : scalar.properties.isAlphabetic ? .word : scalar.properties.isWhitespace ? nil : .mark
                if kind != currentKind || kind == .mark { flush() }
                if let kind {
                    current.unicodeScalars.append(scalar)
                    currentKind = kind
                }
            }
            flush()
            var merged: [Token] = []
            var index = 0
            while index < tokens.count {
                let token = tokens[index]
                if token.kind == .word, ["a", "p"].contains(token.lower), index + 2 < tokens.count,
                   tokens[index + 1].text == ".", tokens[index + 2].lower == "m" {
                    merged.append(Token(kind: .word, text: token.lower + "m"))
                    index += tokens.count > index + 3 && tokens[index + 3].text == "." ? 4 : 3
                    continue
                }
                merged.append(token)
                index += 1
            }
            return merged
        }
    }
}
