import Testing
import WinnowTesting
@testable import Winnow

/// The text stripper on small pages: each kind of boilerplate line goes with its reason, the body
/// paragraphs stay.
@Suite("TextStrip rules")
struct TextStripRuleTests {
    /// Body paragraphs of a made-up local news story.
    static let body = [
        "The town council approved a new budget for road repairs on Tuesday evening, after a debate that ran for more than three hours and drew a large crowd of residents to the hall.",
        "Most of the money will go to the northern districts, where several streets have not been resurfaced in over twenty years and potholes have become a daily complaint among drivers.",
        "The mayor said the work would begin in the spring and should be finished before the end of the summer holidays, when traffic in the town centre is usually at its lightest.",
        "Opposition members argued that the plan did too little for cyclists, and asked for a separate study of safe routes to the two secondary schools on the edge of town.",
    ]

    /// A page: the lines before the body, the body, then the lines after it.
    static func page(before: [String] = [], after: [String] = []) -> String {
        (before + body + after).joined(separator: "\n\n")
    }

    /// Strips `text` in `mode`, keeping the trace's text.
    static func strip(_ text: String, mode: String = "balanced") throws -> Document {
        var harness = try StageHarness<StripStage>(options: "mode: \(mode)")
        return try harness.run(text: text).0
    }

    /// The reason the trace gives for removing `text`, if it was removed.
    static func reason(_ document: Document, _ text: String) -> String? {
        document.trace.removals.first { $0.text == text }?.reason
    }

    /// The body stays, and each line of furniture after it goes for its reason.
    @Test(arguments: [
        ("Share this: Facebook Twitter WhatsApp Email", "share"),
        ("Recommended by Example Daily", "recommended"),
        ("NEXT ARTICLE", "pager"),
        ("Read more", "call-to-action"),
        ("Sign up for our newsletter", "newsletter"),
        ("We use cookies to give you the best experience on our site. By continuing you agree to our use of cookies. Accept", "cookie-notice"),
        ("© Copyright 2024 Example Media Ltd. All rights reserved.", "copyright"),
        ("HomeNewsSportWeatherPuzzlesContact", "navigation"),
        ("Empfohlen von Stadtrand", "recommended"),
        ("NÄCHSTER ARTIKEL", "pager"),
        ("Alle Rechte vorbehalten.", "copyright"),
    ])
    func furnitureAfterTheBody(_ line: String, _ expected: String) throws {
        let document = try Self.strip(Self.page(after: [line]))
        #expect(document.blocks.map(\.text) == Self.body)
        #expect(Self.reason(document, line) == expected)
    }

    /// A menu of short capitalised lines above the body is navigation.
    @Test func menuRun() throws {
        let menu = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Contact"]
        let document = try Self.strip(Self.page(before: menu))
        #expect(document.blocks.map(\.text) == Self.body)
        #expect(Self.reason(document, "Weather") == "navigation")
    }

    /// Short lines of low density far from the body go as low text density or navigation.
    @Test func lowDensityTail() throws {
        let tail = ["12 comments", "Posted in Town", "Tags: budget, roads"]
        let document = try Self.strip(Self.page(after: tail))
        #expect(document.blocks.map(\.text) == Self.body)
        #expect(document.trace.removals.count == tail.count)
    }

    /// Header facts go to metadata: section, headline kept, byline, dateline with its zone.
    @Test func headerFacts() throws {
        let before = ["TOWN", "Council agrees road repair budget after long debate", "By Mara Lindqvist\nMarch 3, 2023 09:12 IST"]
        let document = try Self.strip(Self.page(before: before, after: ["Mara Lindqvist\nSource: PTI"]))
        #expect(document.blocks.map(\.text) == [before[1]] + Self.body)
        #expect(document.metadata.section?.value == "TOWN")
        #expect(document.metadata.title?.value == before[1])
        #expect(document.metadata.authors?.value == ["Mara Lindqvist"])
        #expect(document.metadata.published?.value == .init(iso: "2023-03-03T09:12:00+05:30", granularity: .minute))
        #expect(document.metadata.agency?.value == "PTI")
        #expect(document.metadata.authors?.source == .text)
        #expect(document.trace.counts["byline"] == 2)
        #expect(Self.reason(document, "Mara Lindqvist") == "byline")
        #expect(Self.reason(document, "March 3, 2023 09:12 IST") == "dateline")
        #expect(Self.reason(document, "TOWN") == "section-label")
    }

    /// Two authors, a date on the byline's line, and an "Updated" line as the modified date.
    @Test func bylineVariants() throws {
        let before = ["Council agrees road repair budget", "By Mara Lindqvist and Tom Ueda | Jan. 9, 2025 6:45 p.m. ET", "Updated: Jan. 10, 2025 8:00 a.m. ET"]
        let document = try Self.strip(Self.page(before: before))
        #expect(document.metadata.authors?.value == ["Mara Lindqvist", "Tom Ueda"])
        #expect(document.metadata.published?.value.iso == "2025-01-09T18:45:00-05:00")
        #expect(document.metadata.modified?.value.iso == "2025-01-10T08:00:00-05:00")
        #expect(document.blocks.map(\.text) == [before[0]] + Self.body)
    }

    /// A caption line inside the body goes to metadata, German labels too.
    @Test(arguments: [
        ("IMAGE: The council chamber during the vote. Photograph: Ana Ruiz/Example Daily", "The council chamber during the vote. Photograph: Ana Ruiz/Example Daily"),
        ("BILD: Der Ratssaal während der Abstimmung. Foto: Jana Brückner", "Der Ratssaal während der Abstimmung. Foto: Jana Brückner"),
        ("Residents queue outside the town hall before the meeting. Photo: Example Daily", "Residents queue outside the town hall before the meeting. Photo: Example Daily"),
    ])
    func captions(_ line: String, _ caption: String) throws {
        var lines = Self.body
        lines.insert(line, at: 2)
        let document = try Self.strip(lines.joined(separator: "\n\n"))
        #expect(document.blocks.map(\.text) == Self.body)
        #expect(document.metadata.captions?.value == [caption])
        #expect(Self.reason(document, line) == "caption")
    }

    /// German byline, date and agency.
    @Test func germanFacts() throws {
        let before = ["Neue Fahrradstraße am Kanal eröffnet", "Von Jana Brückner\n18. November 2024, 14:05 Uhr MEZ"]
        let document = try Self.strip(Self.page(before: before, after: ["Jana Brückner\nQuelle: dpa"]))
        #expect(document.metadata.authors?.value == ["Jana Brückner"])
        #expect(document.metadata.published?.value.iso == "2024-11-18T14:05:00+01:00")
        #expect(document.metadata.agency?.value == "dpa")
        #expect(document.blocks.map(\.text) == [before[0]] + Self.body)
    }

    /// A news agency after the byline's name ("Von Jana Brückner, dpa").
    @Test func bylineWithAgency() throws {
        let before = ["Neue Fahrradstraße am Kanal eröffnet", "Von Jana Brückner, dpa"]
        let document = try Self.strip(Self.page(before: before))
        #expect(document.metadata.authors?.value == ["Jana Brückner"])
        #expect(document.blocks.map(\.text) == [before[0]] + Self.body)
        #expect(TextFacts.fact(in: "By Jane Doe, AP Jan. 9, 2025") == .byline(["Jane Doe"], date: DateParsing.parse("Jan. 9, 2025")))
    }

    /// Body paragraphs of a made-up German story.
    static let germanBody = [
        "Der Stadtrat hat am Dienstagabend nach einer langen Debatte einen neuen Haushalt für die Sanierung der Straßen beschlossen, und viele Anwohner verfolgten die Sitzung im Saal.",
        "Das meiste Geld fließt in die nördlichen Stadtteile, wo mehrere Straßen seit über zwanzig Jahren nicht erneuert wurden und die Schlaglöcher inzwischen zum Alltag gehören.",
        "Die Bürgermeisterin sagte, die Arbeiten sollten im Frühjahr beginnen und noch vor dem Ende der Sommerferien abgeschlossen sein, wenn in der Innenstadt am wenigsten Verkehr ist.",
    ]

    /// Body sentences that start like facts stay: "By 7 a.m., ...", "Von Montag an ...".
    @Test func factLookalikesStay() throws {
        let english = "By 7 a.m., the owners had sold out of the cinnamon rolls that regulars say they missed most during the long months of repairs."
        let german = "Von Montag an gilt auf der Strecke zwischen Schleuse und Hafen Tempo 30, und Radfahrende haben dort künftig Vorrang vor dem Autoverkehr."
        let first = try Self.strip((Self.body + [english]).joined(separator: "\n\n"))
        #expect(first.blocks.map(\.text) == Self.body + [english])
        #expect(first.metadata.authors == nil)
        let second = try Self.strip((Self.germanBody + [german]).joined(separator: "\n\n"))
        #expect(second.blocks.map(\.text) == Self.germanBody + [german])
        #expect(second.metadata.authors == nil)
    }

    /// On an ambiguous page, precision keeps less than balanced, and balanced less than recall.
    @Test func modes() throws {
        let before = ["Opening hours", "Monday to Friday 9am to 5pm"]
        let middle = ["What the plan includes"]
        let after = ["Residents can read the full plan at the library", "Parking available behind the hall", "Contact the clerk's office",
                     "See the full agenda online", "More from the council", "Budget vote delayed again", "New bins for the high street"]
        let text = (before + Self.body[0...1] + middle + Self.body[2...3] + after).joined(separator: "\n\n")
        let precision = try Self.strip(text, mode: "precision").blocks.map(\.text)
        let balanced = try Self.strip(text, mode: "balanced").blocks.map(\.text)
        let recall = try Self.strip(text, mode: "recall").blocks.map(\.text)
        #expect(Set(precision).isSubset(of: Set(balanced)) && Set(balanced).isSubset(of: Set(recall)))
        #expect(precision.count < recall.count)
        #expect(Set(Self.body).isSubset(of: Set(precision)))
        #expect(!recall.contains("More from the council"))
    }

    /// The same input gives the same output.
    @Test func deterministic() throws {
        let text = Self.page(before: ["Home", "News"], after: ["Read more", "Share this"])
        #expect(try Self.strip(text).blocks == Self.strip(text).blocks)
    }
}
