import Testing
@testable import Winnow

/// `DateParsing`: the date and time formats of web pages, their zones and granularity.
@Suite("TextStrip dates")
struct TextStripDateTests {
    /// Parses `text` into its ISO text, or nil.
    func iso(_ text: String) -> String? {
        DateParsing.parse(text)?.iso
    }

    /// Month-name dates with a time and a zone abbreviation.
    @Test func namedMonthWithZone() {
        #expect(iso("February 26, 2022 15:37 IST") == "2022-02-26T15:37:00+05:30")
        #expect(DateParsing.parse("February 26, 2022 15:37 IST")?.granularity == .minute)
        #expect(iso("Tuesday 4 June 2024, 08:30 BST") == "2024-06-04T08:30:00+01:00")
        #expect(iso("21 Aug 2023 7:45am AEST") == "2023-08-21T07:45:00+10:00")
        #expect(iso("July 2, 2023 at 11:20 a.m. PDT") == "2023-07-02T11:20:00-07:00")
        #expect(iso("March 3, 2023 09:12 IST") == "2023-03-03T09:12:00+05:30")
        #expect(iso("Sat, 26 Feb 2022 15:37:00 GMT") == "2022-02-26T15:37:00+00:00")
        #expect(iso("12 May 2021 10:00 CEST") == "2021-05-12T10:00:00+02:00")
    }

    /// `ET` follows US daylight time: EST in January, EDT in July.
    @Test func usZonesFollowDaylightTime() {
        #expect(iso("Jan. 9, 2025 6:45 p.m. ET") == "2025-01-09T18:45:00-05:00")
        #expect(iso("July 9, 2025 6:45 p.m. ET") == "2025-07-09T18:45:00-04:00")
        #expect(iso("March 9, 2025 1:30 AM ET") == "2025-03-09T01:30:00-05:00")
        #expect(iso("March 9, 2025 3:30 AM ET") == "2025-03-09T03:30:00-04:00")
        #expect(iso("Nov 2, 2025 12:00 pm PT") == "2025-11-02T12:00:00-08:00")
    }

    /// German dates: day with a dot, "Uhr", MEZ/MESZ.
    @Test func german() {
        #expect(iso("18. November 2024, 14:05 Uhr MEZ") == "2024-11-18T14:05:00+01:00")
        #expect(iso("18. November 2024, 14:05 Uhr") == "2024-11-18T14:05:00")
        #expect(iso("3. Juli 2023, 9.30 Uhr MESZ") == "2023-07-03T09:30:00+02:00")
        #expect(iso("Veröffentlicht am 26.02.2022") == "2022-02-26")
        #expect(iso("Mi., 5. März 2025") == "2025-03-05")
    }

    /// ISO 8601 and numeric offsets.
    @Test func isoAndOffsets() {
        #expect(iso("2022-02-26") == "2022-02-26")
        #expect(iso("2022-02-26T15:37:00Z") == "2022-02-26T15:37:00+00:00")
        #expect(DateParsing.parse("2022-02-26T15:37:20Z")?.granularity == .second)
        #expect(iso("2022-02-26T15:37:00.000+05:30") == "2022-02-26T15:37:00+05:30")
        #expect(iso("2022-02-26 15:37 -0500") == "2022-02-26T15:37:00-05:00")
        #expect(iso("26 Feb 2022 15:37 GMT+5:30") == "2022-02-26T15:37:00+05:30")
    }

    /// Day-month-year and month-day-year with slashes, other languages, partial dates.
    @Test func otherShapes() {
        #expect(iso("26/02/2022") == "2022-02-26")
        #expect(iso("02/26/2022") == "2022-02-26")
        #expect(iso("26 février 2022 à 15h37") == "2022-02-26T15:37:00")
        #expect(iso("26 de febrero de 2022") == "2022-02-26")
        #expect(iso("February 26th, 2022") == "2022-02-26")
        #expect(iso("Published: Feb 2022") == "2022-02")
        #expect(DateParsing.parse("Feb 2022")?.granularity == .month)
        #expect(iso("2022") == "2022")
    }

    /// Texts without a date, and impossible dates.
    @Test func rejects() {
        #expect(iso("Read more") == nil)
        #expect(iso("February 30, 2022") == nil)
        #expect(iso("Call 555 1234") == nil)
        #expect(iso("15:37 IST") == nil)
    }

    /// The scan counts the words that are not part of the date.
    @Test func otherWordsAreCounted() {
        #expect(DateParsing.scan("February 26, 2022 15:37 IST")?.otherWords == 0)
        #expect(DateParsing.scan("Updated on Saturday, February 26, 2022")?.otherWords == 0)
        #expect((DateParsing.scan("In 2019, 26 February 2022 was a day like any other")?.otherWords ?? 0) > 3)
    }
}
