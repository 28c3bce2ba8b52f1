import Foundation
import WinnowHTML
@testable import Winnow

/// Reading the views' HTML back with libxml2, for tests that check their structure.
struct ParsedView {
    let page: HTMLDocument
    let html: String

    init(_ html: String) throws {
        self.html = html
        page = try HTMLParser.parse(Array(html.utf8))
    }

    /// Elements named `tag`.
    func elements(_ tag: String) -> [Int] { page.elements(named: tag) }

    /// Elements whose class list holds `name`.
    func withClass(_ name: String) -> [Int] {
        page.nodes.indices.filter { page.nodes[$0].kind == .element && (page.attribute("class", of: $0) ?? "").split(separator: " ").contains(Substring(name)) }
    }

    /// The element with id `id`.
    func element(id: String) -> Int? {
        page.nodes.indices.first { page.nodes[$0].kind == .element && page.attribute("id", of: $0) == id }
    }

    /// The collapsed text of an element.
    func text(_ index: Int) -> String { page.textContent(of: index) }

    /// Every attribute of every element, as (element name, attribute name, value).
    var attributes: [(String, String, String)] {
        page.nodes.filter { $0.kind == .element }.flatMap { node in node.attributes.map { (node.name, $0.name, $0.value) } }
    }

    /// Whether the page could run script or load anything: script-like elements, event-handler
    /// attributes, `javascript:` links, external resources.
    var activeContent: [String] {
        var found: [String] = []
        for name in ["script", "iframe", "object", "embed", "img", "link", "form", "base", "frame", "video", "audio", "math"] where !elements(name).isEmpty {
            found.append("<\(name)>")
        }
        for (element, name, value) in attributes {
            if name.hasPrefix("on") { found.append("\(element) \(name)") }
            if ["src", "srcset", "action", "formaction", "xlink:href", "background"].contains(name) { found.append("\(element) \(name)=\(value)") }
            if name == "href", !(value.hasPrefix("http://") || value.hasPrefix("https://") || !value.contains(":")) { found.append("\(element) href=\(value)") }
            if name == "style" { found.append("\(element) style") }
        }
        return found
    }
}

/// Hostile text a page can carry, in every place a view shows page text.
enum HostileText {
    static let markup = "<script>document.body.appendChild(document.createElement('mark-'+'pwned'))</script><img src=x onerror=alert(1)>"
    static let attribute = "\"><img src=x onerror=alert(2)><b class=\"pwn"
    static let url = "javascript:alert(3)"
}
