import Testing
import WinnowHTML
@testable import Winnow

/// The learned block model of the HTML stripper: its features and its text form.
@Suite struct HTMLStripModelTests {
    @Test func everyBlockGetsOneValuePerFeatureName() throws {
        let html = """
            <html><body><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav>
            <main><h1>Walnut desk</h1><p>A solid walnut desk with two drawers, oiled by hand and delivered assembled.</p>
            <ul class="product-list"><li class="item">Oak chair</li><li class="item">Pine shelf</li></ul></main>
            <footer><p>© 2024 Example Furniture</p></footer></body></html>
            """
        let page = try HTMLParser.parse(Array(html.utf8))
        let blocks = HTMLBlocks.blocks(of: page)
        let analysis = PageAnalysis(page: page, blocks: blocks)
        let container = try #require(analysis.container() ?? page.firstElement(.body))
        let features = BlockFeatures(
            analysis: analysis, container: container, keep: [Bool](repeating: true, count: blocks.count), postsAreContent: false,
            itemsPage: false, title: nil)
        #expect(features.rows.count == blocks.count)
        for row in features.rows {
            #expect(row.count == BlockFeatures.names.count)
            #expect(row.allSatisfy { $0.isFinite })
        }
    }

    @Test func generatedModelReadsWhole() {
        #expect(HTMLBlockModel.ensemble.count > 0)
        #expect(HTMLBlockModel.text.split(separator: "|").count == HTMLBlockModel.ensemble.count + 1)
    }
}
