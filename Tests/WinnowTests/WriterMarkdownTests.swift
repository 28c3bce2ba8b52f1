import Foundation
import Testing
import Yams
@testable import Winnow

/// Markdown output: structure, escaping and front matter, checked against exact strings.
@Suite struct WriterMarkdownTests {
    /// A Markdown hard break: two trailing spaces.
    let br = "  "

    /// A document holding `blocks`.
    func document(_ blocks: [Block]) -> Document {
        Document(id: "a.html", source: .init(path: "/in/a.html"), blocks: blocks)
    }

    /// A table gets a header, a separator row, padded short rows and escaped pipes.
    @Test func tableBecomesGFMWithPaddedRowsAndEscapedPipes() {
        let table = Block(.table, "Name | Age | City\nAnn | 31\n\nBo|b | 4 | Rome | extra")
        #expect(MarkdownWriter.render(document([table]), frontMatter: false) == """
            | Name | Age | City |  |
            | --- | --- | --- | --- |
            | Ann | 31 |  |  |
            | Bo\\|b | 4 | Rome | extra |

            """)
    }

    /// Consecutive list items form one list, nested by level, with inner lines indented.
    @Test func consecutiveListItemsNestByLevel() {
        let blocks = [
            Block(.paragraph, "Intro"),
            Block(.listItem, "One", level: 1),
            Block(.listItem, "One.a\nsecond line", level: 2),
            Block(.listItem, "deep", level: 3),
            Block(.listItem, "Two", level: 1),
            Block(.listItem, "Jump", level: 5),
            Block(.listItem, "1. looks ordered", level: 0),
            Block(.paragraph, "After"),
            Block(.listItem, "Second list", level: 2),
        ]
        #expect(MarkdownWriter.render(document(blocks), frontMatter: false) == """
            Intro

            - One
              - One.a\(br)
                second line
                - deep
            - Two
              - Jump
            - 1\\. looks ordered

            After

            - Second list

            """)
    }

    /// Code keeps its text verbatim inside a fence longer than any backtick run, with its language.
    @Test func codeIsFencedWithItsLanguageAndALongEnoughFence() {
        let blocks = [
            Block(.code, "let s = \"```\"\nprint(s)\n", language: "swift"),
            Block(.code, "  indented\n\ttab"),
            Block(.code, "x", language: "c sharp`"),
        ]
        #expect(MarkdownWriter.render(document(blocks), frontMatter: false) == """
            ````swift
            let s = "```"
            print(s)
            ````

            ```
              indented
            \ttab
            ```

            ```csharp
            x
            ```

            """)
    }

    /// Headings keep their level, quotes merge, captions are italic, paragraphs keep hard breaks.
    @Test func headingsQuotesCaptionsAndParagraphs() {
        let blocks = [
            Block(.heading, "Title", level: 1),
            Block(.heading, "C# and F #", level: 3),
            Block(.heading, "Too deep", level: 9),
            Block(.quote, "First line\nsecond"),
            Block(.quote, "Another"),
            Block(.caption, "Photo: *AP* \\ Reuters"),
            Block(.paragraph, "  Line one   \nline two"),
        ]
        #expect(MarkdownWriter.render(document(blocks), frontMatter: false) == """
            # Title

            ### C# and F \\#

            ###### Too deep

            > First line\(br)
            > second
            >
            > Another

            *Photo: \\*AP\\* \\\\ Reuters*

            Line one\(br)
            line two

            """)
    }

    /// Every line start that Markdown would read as syntax is escaped.
    @Test func lineStartsThatLookLikeSyntaxGetABackslash() {
        let paragraph = Block(.paragraph, """
            # not a heading
            - not a list
            1. not ordered
            2) nor this
            + plus
            * star
            > no quote
            ===
            ```fence
            <div>
            | a | b |
            [ref]: http://example.com
            2024 was a year
            plain line
            """)
        #expect(MarkdownWriter.render(document([paragraph]), frontMatter: false) == """
            \\# not a heading\(br)
            \\- not a list\(br)
            1\\. not ordered\(br)
            2\\) nor this\(br)
            \\+ plus\(br)
            \\* star\(br)
            \\> no quote\(br)
            \\===\(br)
            \\```fence\(br)
            \\<div>\(br)
            \\| a | b |\(br)
            \\[ref]: http://example.com\(br)
            2024 was a year\(br)
            plain line

            """)
    }

    /// Front matter lists the present fields, double-quoted, and parses back to the same values.
    @Test func frontMatterHoldsPresentFieldsQuotedForYAML() throws {
        var doc = document([Block(.heading, "T", level: 1)])
        doc.metadata.title = .init("He said \"hi\" \\ yes", source: .jsonLD)
        doc.metadata.authors = .init(["A", "B: C"], source: .meta)
        doc.metadata.published = .init(.init(iso: "2022-02-26", granularity: .day), source: .meta)
        doc.metadata.description = .init("a\nb\u{2028}c\u{7}", source: .openGraph)
        doc.metadata.tags = .init([], source: .meta)
        doc.metadata.pageKind = .init("article", source: .computed)
        doc.metadata.language = .init("no", source: .computed)
        let markdown = MarkdownWriter.render(doc, frontMatter: true)
        #expect(markdown == """
            ---
            title: "He said \\"hi\\" \\\\ yes"
            authors:
              - "A"
              - "B: C"
            published: "2022-02-26"
            description: "a\\nb\\u2028c\\x07"
            tags: []
            page_kind: "article"
            language: "no"
            ---

            # T

            """)
        let yaml = markdown.components(separatedBy: "---\n")[1]
        let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(parsed["title"] as? String == "He said \"hi\" \\ yes")
        #expect(parsed["authors"] as? [String] == ["A", "B: C"])
        #expect(parsed["published"] as? String == "2022-02-26")
        #expect(parsed["description"] as? String == "a\nb\u{2028}c\u{7}")
        #expect(parsed["language"] as? String == "no")
    }

    /// Whatever the blocks, the output ends with exactly one newline.
    @Test func outputEndsWithExactlyOneNewline() {
        let empty = document([Block(.paragraph, "  \n ")])
        #expect(MarkdownWriter.render(empty, frontMatter: true) == "\n")
        #expect(MarkdownWriter.render(empty, frontMatter: false) == "\n")
        var titled = empty
        titled.metadata.title = .init("T", source: .dom)
        #expect(MarkdownWriter.render(titled, frontMatter: true) == "---\ntitle: \"T\"\n---\n")
        let trailing = document([Block(.code, "x\n\n\n"), Block(.paragraph, "end\n\n")])
        #expect(MarkdownWriter.render(trailing, frontMatter: false) == "```\nx\n```\n\nend\n")
    }
}
