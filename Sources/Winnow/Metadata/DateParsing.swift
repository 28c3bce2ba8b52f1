/// Reads dates and times as web pages write them ("February 26, 2022 15:37 IST",
/// "Jan. 9, 2025 6:45 p.m. ET", "18. November 2024, 14:05 Uhr MEZ", "2022-02-26T15:37:00Z",
/// "Sat, 26 Feb 2022 15:37:00 +0000") into ISO 8601 values with their granularity.
///
/// Month names are known in English, German, French, Spanish, Italian, Portuguese and Dutch.
/// Numeric dates read year-first (`2022-02-26`), day-first with dots (`26.02.2022`), and with
/// slashes day-first when the first number exceeds 12, else month-first (`02/26/2022`). A time
/// zone abbreviation (upper case: IST, BST, CEST, MEZ, EST, ET, AEST...) or a numeric offset
/// (`+05:30`, `GMT+1`, `Z`) gives the offset; `ET`, `CT`, `MT` and `PT` follow US daylight time.
/// A time without a zone is written without an offset.
public enum DateParsing {
    /// The date or time `text` gives, or nil when it holds none (or an impossible one).
    public static func parse(_ text: String) -> Metadata.DateValue? {
        scan(text)?.value
    }

    /// A date found in a text, and how many of the text's words were not part of it.
    struct Scan: Sendable, Hashable {
        /// The date.
        var value: Metadata.DateValue
        /// Words and numbers outside the date, time, zone and filler words ("at", "Uhr").
        var otherWords: Int
    }

    /// Finds the first date in `text`, with the time and zone that follow or precede it.
    static func scan(_ text: String) -> Scan? {
        var scanner = DateScanner(text)
        return scanner.run()
    }

    /// Whether `year` is a leap year.
    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The weekday of a date, 0 for Sunday (Sakamoto's method).
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    /// Whether US daylight saving time is in force at a local date and hour.
    static func usDaylightTime(year: Int, month: Int, day: Int, hour: Int) -> Bool {
        let (startMonth, endMonth) = year >= 2007 ? (3, 11) : (4, 10)
        if month < startMonth || month > endMonth { return false }
        if month > startMonth && month < endMonth { return true }
        if month == startMonth {
            let first = 1 + (7 - weekday(year: year, month: month, day: 1)) % 7
            let start = year >= 2007 ? first + 7 : first
            return day > start || (day == start && hour >= 2)
        }
        let end: Int
        if year >= 2007 {
            end = 1 + (7 - weekday(year: year, month: month, day: 1)) % 7
        } else {
            let last = daysIn(month: month, year: year)
            end = last - weekday(year: year, month: month, day: last)
        }
        return day < end || (day == end && hour < 2)
    }

    /// Offsets in minutes of the zone abbreviations, as written in upper case.
    static let zones: [String: Int] = [
        "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "WEZ": 0, "WEST": 60, "WESZ": 60, "BST": 60, "IST": 330,
        "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180, "OEZ": 120, "OESZ": 180,
        "MSK": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
        "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "AST": -240, "ADT": -180,
        "NST": -210, "NDT": -150, "AEST": 600, "AEDT": 660, "ACST": 570, "ACDT": 630, "AWST": 480,
        "NZST": 720, "NZDT": 780, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "PHT": 480, "WIB": 420,
        "ICT": 420, "PKT": 300, "GST": 240, "SAST": 120, "WAT": 60, "EAT": 180, "CAT": 120, "BRT": -180,
        "ART": -180,
    ]

    /// US zones named without standard or daylight: their standard offset, daylight adds an hour.
    static let usZones: [String: Int] = ["ET": -300, "CT": -360, "MT": -420, "PT": -480]

    /// Month names and common abbreviations in several languages, with their number.
    static let months: [String: Int] = {
        let names = [
            "january jan januar jän janvier janv enero ene gennaio gen janeiro januari",
            "february feb februar février fevrier févr fevr febrero febbraio fevereiro fev februari",
            "march mar märz maerz mär mars marzo março marco maart mrt",
            "april apr avril avr abril aprile",
            "may mai mayo maggio maio mei",
            "june jun juni juin junio giugno junho",
            "july jul juli juillet juil julio luglio lug julho",
            "august aug août aout agosto ago augustus",
            "september sep sept septembre septiembre setiembre settembre setembro",
            "october oct oktober okt octobre octubre ottobre ott outubro",
            "november nov novembre noviembre novembro",
            "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro",
        ]
        var table: [String: Int] = [:]
        for (index, line) in names.enumerated() {
            for name in line.split(separator: " ") { table[String(name)] = index + 1 }
        }
        return table
    }()

    /// Words that may stand around a date without making the text something else.
    static let fillers: Set<String> = Set("""
        at on um uhr le la de del di du der den am the of published updated posted modified last edited \
        veröffentlicht aktualisiert publié publiée mis à jour publicado actualizado pubblicato aggiornato \
        gepubliceerd bijgewerkt op time date st nd rd th er h t \
        monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun \
        montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so \
        lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo \
        lunedì martedì mercoledì giovedì venerdì sabato domenica maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// ISO 8601 text of a date, time and offset, with its granularity.
    static func value(year: Int, month: Int?, day: Int?, time: (hour: Int, minute: Int, second: Int?)?, offset: Int?) -> Metadata.DateValue {
        func pad(_ number: Int, _ width: Int = 2) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        guard let month else { return .init(iso: pad(year, 4), granularity: .year) }
        guard let day else { return .init(iso: pad(year, 4) + "-" + pad(month), granularity: .month) }
        var iso = pad(year, 4) + "-" + pad(month) + "-" + pad(day)
        guard let time else { return .init(iso: iso, granularity: .day) }
        iso += "T" + pad(time.hour) + ":" + pad(time.minute) + ":" + pad(time.second ?? 0)
        if let offset {
            iso += (offset < 0 ? "-" : "+") + pad(abs(offset) / 60) + ":" + pad(abs(offset) % 60)
        }
        return .init(iso: iso, granularity: time.second == nil ? .minute : .second)
    }
}
