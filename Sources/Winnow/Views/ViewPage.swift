import Crypto
import Foundation

/// The frame both views share: a self-contained HTML document with one inline style sheet,
/// no script, and a Content-Security-Policy that allows nothing else.
///
/// The policy is `default-src 'none'` with the style sheet allowed by its SHA-256 hash, so even
/// if some text escaped escaping, the browser would run no script, load no image, font or frame,
/// and submit no form.
enum ViewPage {
    /// The whole document around `body`.
    static func document(title: String, bodyClass: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <meta name="referrer" content="no-referrer">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="winnow \(HTMLEscaping.text(WinnowVersion.current))">
        <title>\(HTMLEscaping.text(title))</title>
        <style>\(styleSheet)</style>
        </head>
        <body class="\(bodyClass)">
        \(body)
        </body>
        </html>

        """
    }

    /// The policy: nothing but the inline style sheet (by hash) and same-document navigation.
    static let contentSecurityPolicy: String = {
        let digest = Data(SHA256.hash(data: Array(styleSheet.utf8))).base64EncodedString()
        return "default-src 'none'; style-src 'sha256-\(digest)'; img-src data:; base-uri 'none'; form-action 'none'"
    }()

    /// A number with thousands separators: `12,345`.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var output = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { output.append(",") }
            output.append(character)
        }
        return (value < 0 ? "-" : "") + output
    }

    /// A number with `places` decimals.
    static func decimal(_ value: Double, _ places: Int = 2) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%.\(places)f", value)
    }

    /// A byte count for people: `912 B`, `48.2 KB`, `1.3 MB`.
    static func bytes(_ value: Int) -> String {
        if value < 1_000 { return "\(value) B" }
        if value < 1_000_000 { return decimal(Double(value) / 1_000, 1) + " KB" }
        return decimal(Double(value) / 1_000_000, 1) + " MB"
    }

    /// The colour group of a removal reason: blocks and legend entries of one group share a shade;
    /// the reason itself is always written out as text.
    static func group(of reason: String) -> String {
        switch reason {
        case "navigation", "pager", "search", "skip-link": return "nav"
        case "footer", "header", "sidebar", "form", "hidden": return "frame"
        case "recommended", "related-links", "more-stories", "tags": return "related"
        case "share", "newsletter", "call-to-action", "sign-up": return "share"
        case "cookie-notice", "dialog": return "cookie"
        case "ad": return "ad"
        case "low-text-density", "outside-main-content", "empty": return "density"
        case "rule": return "rule"
        case "duplicate", "near-duplicate": return "dup"
        case "comments": return "comments"
        case "byline", "dateline", "agency", "caption", "section-label", "copyright", "credit": return "fact"
        default: return "other"
        }
    }

    /// The style sheet of both views (light, high contrast, responsive from 320 px up).
    static let styleSheet = """
        :root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4f57;--line:#d5d8dc;--paper:#ffffff;--wash:#f5f6f7;--accent:#0b57d0;\
        --kept:#1f7a3a;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;line-height:1.5;color:var(--ink);background:var(--wash)}
        *{box-sizing:border-box}
        body{margin:0;font-size:1rem}
        a{color:var(--accent)}
        a:focus-visible,label:focus-within{outline:3px solid #f59e0b;outline-offset:2px}
        .top{background:#16213a;color:#fff;padding:1.25rem 1rem 1rem}
        .top a{color:#cfe0ff}
        .wrap{max-width:84rem;margin:0 auto}
        .eyebrow{margin:0;font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;color:#c7cfdd}
        h1{margin:.2rem 0 .3rem;font-size:clamp(1.35rem,4.5vw,2rem);line-height:1.2;overflow-wrap:anywhere}
        h2{font-size:1.15rem;margin:0 0 .6rem}
        h3{font-size:1rem;margin:1rem 0 .4rem}
        .sub{margin:0;color:#dde3ee;font-size:.9rem;overflow-wrap:anywhere}
        .layout{max-width:84rem;margin:0 auto;padding:1rem;display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.25rem;align-items:start}
        @media (max-width:60rem){.layout{grid-template-columns:minmax(0,1fr)}}
        .panel{background:var(--paper);border:1px solid var(--line);border-radius:.5rem;padding:1rem}
        .panel+.panel{margin-top:1rem}
        aside .panel{font-size:.92rem}
        .banner{border:2px solid #b42318;background:#fff1f0;color:#7a1a12;border-radius:.5rem;padding:.6rem .8rem;margin:0 0 1rem}
        .controls{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;justify-content:space-between;margin-bottom:.8rem}
        .toggle{display:inline-flex;gap:.5rem;align-items:center;font-weight:600;cursor:pointer;padding:.35rem .7rem;border:1px solid var(--line);border-radius:999px;background:var(--wash)}
        .toggle input{width:1.1rem;height:1.1rem;margin:0}
        body:has(#hide-removed:checked) .removed{display:none}
        .counts{color:var(--muted);font-size:.9rem;margin:0}
        .legend{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem .5rem}
        .legend li{display:inline-flex;align-items:center;gap:.35rem;font-size:.85rem;padding:.15rem .55rem .15rem .3rem;border:1px solid var(--line);border-radius:.35rem;background:var(--paper)}
        .swatch{display:inline-block;width:1rem;height:1rem;border-radius:.2rem;border:2px dashed var(--edge,#555);background:var(--shade,#eee)}
        .legend .kept .swatch{border-style:solid;border-color:var(--kept);background:var(--paper)}
        .blocks{list-style:none;margin:0;padding:0}
        .block{margin:0 0 .45rem;padding:.45rem .75rem;border-left:4px solid var(--kept);background:var(--paper);border-radius:0 .35rem .35rem 0}
        .block .text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
        .block .tag{float:right;margin-left:.5rem;font-size:.72rem;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
        .block.k-heading .text{font-weight:700;font-size:1.15rem;line-height:1.3}
        .block.k-heading.lv1 .text{font-size:1.45rem}
        .block.k-code .text{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.88rem}
        .block.k-quote .text{font-style:italic}
        .block.k-list-item .text::before{content:"• ";color:var(--muted)}
        .removed{border-left:4px dashed var(--edge,#555);background:var(--shade,#eee);color:#2b2b2b;padding-top:.3rem;padding-bottom:.3rem}
        .removed .text{font-size:.93rem}
        .why{margin:0 0 .25rem;font-size:.8rem;color:#2b2b2b;overflow-wrap:anywhere}
        .why .reason{display:inline-block;font-weight:700;text-transform:uppercase;letter-spacing:.04em;border:1px solid var(--edge,#555);border-radius:.25rem;padding:0 .3rem;background:var(--paper);color:var(--ink)}
        .why .by{font-family:ui-monospace,"DejaVu Sans Mono",monospace;color:#333}
        .g-nav{--shade:#e3edff;--edge:#1d4ed8}
        .g-frame{--shade:#eceef1;--edge:#4b5563}
        .g-related{--shade:#fde8f3;--edge:#a3195b}
        .g-share{--shade:#efeaff;--edge:#6d28d9}
        .g-cookie{--shade:#fdf3d7;--edge:#a14a06}
        .g-ad{--shade:#ffe6e8;--edge:#b4123a}
        .g-density{--shade:#f0f3f7;--edge:#5b6778}
        .g-rule{--shade:#e3f7e8;--edge:#15803d}
        .g-dup{--shade:#dcf6fb;--edge:#0e7490}
        .g-comments{--shade:#e7eaff;--edge:#4338ca}
        .g-fact{--shade:#ffeedd;--edge:#b5400a}
        .g-other{--shade:#f3f1ee;--edge:#57534e}
        dl.meta{margin:0}
        dl.meta>div{padding:.45rem 0;border-top:1px solid var(--line)}
        dl.meta>div:first-child{border-top:0}
        dl.meta dt{font-weight:700;font-size:.82rem;color:var(--muted)}
        dl.meta dd{margin:.1rem 0 0;overflow-wrap:anywhere}
        .source{display:inline-block;margin-left:.3rem;font-size:.72rem;padding:0 .35rem;border:1px solid var(--line);border-radius:.25rem;color:var(--muted);white-space:nowrap}
        .value-list{margin:.1rem 0;padding-left:1.1rem}
        .notes{margin:0;padding-left:1.1rem;font-size:.88rem}
        .empty{color:var(--muted);font-style:italic;margin:0}
        table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
        th{font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
        td.num,th.num{text-align:right;white-space:nowrap}
        .scroll{overflow-x:auto}
        .report .layout{grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr))}
        .report .wide{grid-column:1/-1}
        .stats{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:.6rem}
        .stats li{background:var(--paper);border:1px solid var(--line);border-radius:.5rem;padding:.6rem .75rem}
        .stats .n{display:block;font-size:1.5rem;font-weight:700;line-height:1.2}
        .stats .l{font-size:.8rem;color:var(--muted)}
        svg.chart{display:block;width:100%;overflow:visible}
        svg.chart text{font:12.5px system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;fill:#1a1a1a}
        svg.chart text.halo{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round;font-weight:600}
        svg.chart .axis{stroke:#8a9099;stroke-width:1}
        svg.chart .grid{stroke:#e2e5e9;stroke-width:1}
        svg.chart rect.fill-edge{fill:var(--edge)}
        .bar-written{fill:#1f7a3a}.bar-dropped{fill:#a14a06}.bar-failed{fill:#b42318}.bar-plain{fill:#3b5bdb}
        .status{font-weight:600}
        .status-failed{color:#b42318}.status-dropped{color:#8a3d05}.status-written{color:#1f6a34}
        .note{color:var(--muted);font-size:.9rem;margin:.4rem 0 0}
        .foot{max-width:84rem;margin:0 auto;padding:0 1rem 2rem;color:var(--muted);font-size:.82rem}
        """
}
