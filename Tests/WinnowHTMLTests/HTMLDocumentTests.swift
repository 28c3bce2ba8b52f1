import Testing
import WinnowHTML

@Suite("HTMLDocument")
struct HTMLDocumentTests {
    static let page = """
        <!DOCTYPE html><html lang=" en-GB "><head><title> The
          Title </title><meta name="Description" content="About it">
        <meta property="og:title" content="OG title"><meta charset="utf-8"></head>
        <body><!-- comment --><div id="a"><p>one <b>two</b></p><p>three</p><my-widget>four</my-widget></div>
        <ul><li>x<li>y</ul><br>tail</body></html>
        """

    @Test("pre-order arena invariants hold for every node")
    func invariants() throws {
        let document = try parse(Self.page)
        #expect(document.nodes[0].parent == -1)
        #expect(Int(document.nodes[0].subtreeEnd) == document.count)
        for index in document.nodes.indices {
            let node = document[index]
            let range = document.subtree(of: index)
            #expect(range.lowerBound == index && range.upperBound <= document.count && !range.isEmpty)
            if node.isText { #expect(range.count == 1) }
            for descendant in document.descendants(of: index) {
                #expect(document.ancestors(of: descendant).contains(index))
            }
            if let parent = document.parent(of: index) {
                #expect(document.subtree(of: parent).contains(index) && parent < index)
                #expect(node.depth == document[parent].depth + 1)
            }
            let children = Array(document.children(of: index))
            #expect(children == document.nodes.indices.filter { document.nodes[$0].parent == Int32(index) })
            #expect(document.firstChild(of: index) == children.first)
            for (position, child) in children.enumerated() {
                #expect(document.nextSibling(of: child) == (position + 1 < children.count ? children[position + 1] : nil))
            }
        }
    }

    @Test("comments are dropped")
    func comments() throws {
        #expect(!allText(try parse(Self.page)).contains("comment"))
    }

    @Test("subtree of an element covers exactly its content")
    func subtreeRange() throws {
        let document = try parse(Self.page)
        let div = try #require(document.elements(named: .div).first)
        let text = document.subtree(of: div).filter { document[$0].isText }.map { document[$0].text }.joined()
        #expect(text == "one twothreefour")
        #expect(document.textContent(of: div) == "one two three four")
    }

    @Test("textContent separates blocks and collapses whitespace")
    func textContent() throws {
        let document = try parse("<div><p>a</p><p>b</p><b>c</b>d<br>e&nbsp; f</div>")
        let div = try #require(document.firstElement(.div))
        #expect(document.textContent(of: div) == "a b cd e f")
    }

    @Test("metadata accessors")
    func metadata() throws {
        let document = try parse(Self.page)
        #expect(document.title == "The Title")
        #expect(document.language == "en-GB")
        #expect(document.metaTags == [
            HTMLMetaTag(key: "description", content: "About it"), HTMLMetaTag(key: "og:title", content: "OG title"),
        ])
        #expect(document.meta("OG:Title") == "OG title")
        #expect(document.jsonLDScripts.isEmpty)
    }

    @Test("elements by tag and by custom name")
    func elementsByName() throws {
        let document = try parse(Self.page)
        #expect(document.elements(named: .li).count == 2)
        #expect(document.elements(named: .p).count == 2)
        let widgets = document.elements(named: "my-widget")
        #expect(widgets.count == 1)
        #expect(document[widgets[0]].tag == .unknown)
        #expect(HTMLTag(name: "blockquote") == .blockquote && HTMLTag(name: "var") == .var)
    }
}
