/// Inline SVG charts for the run report: accessible (a title and a description listing every
/// value), labelled with text (never colour alone), and fluid (positions in percent, text in
/// pixels, so labels stay readable from phone to wide screen).
enum SVGChart {
    /// One bar: its label, value, the value as shown, and a CSS class for its fill.
    struct Bar {
        var label: String
        var value: Double
        var display: String
        var fill: String = "bar-plain"
    }

    /// A horizontal bar chart: per bar, its label on one line and the bar with its value below.
    static func bars(id: String, title: String, bars: [Bar]) -> String {
        let rowHeight = 44
        let maximum = max(bars.map(\.value).max() ?? 0, 1e-9)
        let description = bars.map { "\($0.label): \($0.display)" }.joined(separator: "; ")
        var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" height=\"\(max(1, bars.count) * rowHeight)\">"
        svg += "<title id=\"\(id)-title\">\(HTMLEscaping.text(title))</title><desc id=\"\(id)-desc\">\(HTMLEscaping.text(description))</desc>"
        for (row, bar) in bars.enumerated() {
            let top = row * rowHeight
            let percent = bar.value <= 0 ? 0 : max(0.4, bar.value / maximum * 80)
            svg += "<text x=\"0\" y=\"\(top + 14)\">\(HTMLEscaping.text(bar.label))</text>"
            svg += "<rect class=\"\(bar.fill.split(separator: " ").map { HTMLEscaping.token(String($0)) }.joined(separator: " "))\" x=\"0\" y=\"\(top + 20)\" width=\"\(format(percent))%\" height=\"16\" rx=\"2\"></rect>"
            svg += "<text x=\"\(format(percent + 1.2))%\" y=\"\(top + 33)\">\(HTMLEscaping.text(bar.display))</text>"
        }
        return svg + "</svg>"
    }

    /// A column chart of `values` over time from 0 to `duration` seconds, with the peak, half
    /// the peak and the time axis labelled.
    static func columns(id: String, title: String, values: [Double], duration: Double, unit: String) -> String {
        let plotTop = 22, plotHeight = 150
        let bottom = plotTop + plotHeight
        let peak = max(values.max() ?? 0, 1e-9)
        let width = 100 / Double(max(1, values.count))
        let description = "\(values.count) intervals of \(format(duration / Double(max(1, values.count)))) s; peak \(format(peak)) \(unit); values: "
            + values.map { format($0) }.joined(separator: ", ")
        var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" height=\"\(bottom + 22)\">"
        svg += "<title id=\"\(id)-title\">\(HTMLEscaping.text(title))</title><desc id=\"\(id)-desc\">\(HTMLEscaping.text(description))</desc>"
        let grid = [1.0, 0.5].map { bottom - Int((Double(plotHeight) * $0).rounded()) }
        for y in grid { svg += "<line class=\"grid\" x1=\"0\" x2=\"100%\" y1=\"\(y)\" y2=\"\(y)\"></line>" }
        for (index, value) in values.enumerated() where value > 0 {
            let height = max(1, Int((value / peak * Double(plotHeight)).rounded()))
            svg += "<rect class=\"bar-plain\" x=\"\(format(Double(index) * width + width * 0.08))%\" y=\"\(bottom - height)\" width=\"\(format(width * 0.84))%\" height=\"\(height)\"></rect>"
        }
        for (y, fraction) in zip(grid, [1.0, 0.5]) {
            svg += "<text class=\"halo\" x=\"4\" y=\"\(y - 4)\">\(HTMLEscaping.text(format(peak * fraction) + " " + unit))</text>"
        }
        svg += "<line class=\"axis\" x1=\"0\" x2=\"100%\" y1=\"\(bottom)\" y2=\"\(bottom)\"></line>"
        svg += "<text x=\"0\" y=\"\(bottom + 17)\">0 s</text>"
        svg += "<text x=\"100%\" y=\"\(bottom + 17)\" text-anchor=\"end\">\(HTMLEscaping.text(format(duration))) s since the run started</text>"
        return svg + "</svg>"
    }

    /// A number with up to two decimals, without trailing zeros.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = ViewPage.decimal(value, value >= 100 ? 0 : 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
