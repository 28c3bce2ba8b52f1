/// Interned id of an element name, for fast comparisons and `switch`es.
///
/// Names outside this list are `.unknown` (the real name is in ``HTMLNode/name``); text nodes are
/// `.text`. The raw value is the lowercase element name.
public enum HTMLTag: String, Sendable, Hashable, CaseIterable {
    /// A text node (not an element).
    case text = "#text"
    /// An element whose name is not in this list, such as a custom element.
    case unknown = "#unknown"

    /// Document structure and metadata.
    case html, head, body, title, meta, link, base, style, script, noscript, template
    /// Sectioning and grouping.
    case main, article, section, nav, aside, header, footer, address, div, p, hr, pre, blockquote
    /// More grouping: figures, disclosure widgets, legacy `<center>`.
    case figure, figcaption, details, summary, dialog, menu, center, hgroup, search
    /// Headings.
    case h1, h2, h3, h4, h5, h6
    /// Lists.
    case ul, ol, li, dl, dt, dd
    /// Text-level semantics.
    case a, em, strong, small, s, cite, q, dfn, abbr, time, code, `var`, samp, kbd, sub, sup
    /// More text-level elements, including legacy presentational ones.
    case i, b, u, mark, span, br, wbr, ins, del, font, big, tt, strike, bdi, bdo, ruby, rt, rp, data
    /// Embedded content.
    case img, picture, source, iframe, embed, object, param, video, audio, track, canvas, svg, math, map, area
    /// Tables.
    case table, caption, colgroup, col, thead, tbody, tfoot, tr, td, th
    /// Forms.
    case form, label, input, button, select, datalist, optgroup, option, textarea, output, progress
    /// More form elements.
    case meter, fieldset, legend

    /// The tag for a lowercase element name; `.unknown` when the name is not listed.
    public init(name: String) {
        self = Self.byName[name] ?? .unknown
    }

    private static let byName: [String: HTMLTag] = {
        var table: [String: HTMLTag] = [:]
        for tag in allCases where tag != .text && tag != .unknown { table[tag.rawValue] = tag }
        return table
    }()

    /// True for elements that start a new line of text when rendered (paragraphs, headings, list
    /// items, table cells, `<br>`, …); text on either side of them is separate words.
    public var isBlockLevel: Bool {
        switch self {
        case .html, .head, .body, .title, .main, .article, .section, .nav, .aside, .header, .footer, .address,
            .div, .p, .hr, .pre, .blockquote, .figure, .figcaption, .details, .summary, .dialog, .menu, .center,
            .hgroup, .search, .h1, .h2, .h3, .h4, .h5, .h6, .ul, .ol, .li, .dl, .dt, .dd, .br, .table, .caption,
            .thead, .tbody, .tfoot, .tr, .td, .th, .form, .fieldset, .legend, .option, .textarea, .iframe,
            .video, .audio, .canvas, .noscript:
            return true
        default:
            return false
        }
    }

    /// True for headings `<h1>`–`<h6>`.
    public var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    /// Heading level 1–6, or nil when not a heading.
    public var headingLevel: Int? {
        switch self {
        case .h1: return 1
        case .h2: return 2
        case .h3: return 3
        case .h4: return 4
        case .h5: return 5
        case .h6: return 6
        default: return nil
        }
    }

    /// Elements whose content is not page text: their text (and child elements) are not copied.
    /// `<script type="application/ld+json">` is the exception; its JSON text is kept.
    var dropsContent: Bool {
        switch self {
        case .script, .style, .template, .svg: return true
        default: return false
        }
    }
}
