/// Inline SVG charts for report.html: horizontal bars (funnel, sectors) and lines (monthly).
///
/// Geometry is whole SVG units computed with integers (Int128 where money is scaled), so no
/// value passes through floating point; the SVGs scale to their container through `viewBox`.
/// Every label is escaped; a long label is shortened with `…` and kept whole in a `<title>`.
enum HTMLCharts {
    /// One bar: its label, the value its length is proportional to, and the text beside it.
    struct Bar {
        var label: String
        var value: Int64
        var text: String
        var highlight = false
    }

    /// One line of a line chart: its name, CSS class and a value per category.
    struct Line {
        var name: String
        var cssClass: String
        var values: [Int]
    }

    /// A horizontal bar chart, one row per bar, bars scaled to the largest value (or `scaleMax`).
    static func bars(_ bars: [Bar], title: String, scaleMax: Int64? = nil) -> String {
        let width = 640, labelWidth = 190, valueWidth = 150, rowHeight = 28, barHeight = 18
        let area = width - labelWidth - valueWidth
        let maxValue = max(scaleMax ?? 0, bars.map(\.value).max() ?? 0)
        let height = max(1, bars.count) * rowHeight + 8
        var svg = open(width: width, height: height, title: title)
        for (i, bar) in bars.enumerated() {
            let y = 4 + i * rowHeight
            let length = maxValue > 0 ? Int(Int128(max(0, bar.value)) * Int128(area) / Int128(maxValue)) : 0
            let label = HTMLEscape.text(shortened(bar.label, columns: 26))
            svg += "<g class=\"bar\(bar.highlight ? " alt" : "")\"><title>\(HTMLEscape.text(bar.label)): \(HTMLEscape.text(bar.text))</title>"
            svg += "<text class=\"label\" x=\"\(labelWidth - 8)\" y=\"\(y + barHeight - 4)\" text-anchor=\"end\">\(label)</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(length, bar.value > 0 ? 1 : 0))\" height=\"\(barHeight)\" rx=\"2\"/>"
            svg += "<text class=\"value\" x=\"\(labelWidth + length + 6)\" y=\"\(y + barHeight - 4)\">\(HTMLEscape.text(bar.text))</text></g>"
        }
        return svg + "</svg>"
    }

    /// A line chart of counts by category (months), with a zero-based axis, grid and legend.
    static func lines(categories: [String], lines: [Line], title: String) -> String {
        let width = 900, height = 300, left = 52, right = 36, top = 34, bottom = 40
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let (axisMax, step) = niceScale(lines.flatMap(\.values).max() ?? 0)
        let n = categories.count
        func x(_ i: Int) -> Int { n == 1 ? left + plotWidth / 2 : left + i * plotWidth / (n - 1) }
        func y(_ v: Int) -> Int { top + plotHeight - v * plotHeight / axisMax }
        var svg = open(width: width, height: height, title: title)
        var tick = 0
        while tick <= axisMax {
            svg += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(tick))\" y2=\"\(y(tick))\"/>"
            svg += "<text class=\"axis\" x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(ReportNumbers.grouped(tick))</text>"
            tick += step
        }
        let every = max(1, (n + 11) / 12)
        for (i, category) in categories.enumerated() where i % every == 0 {
            svg += "<text class=\"axis\" x=\"\(x(i))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(HTMLEscape.text(category))</text>"
        }
        for (k, line) in lines.enumerated() {
            let points = line.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            svg += "<g class=\"series \(line.cssClass)\"><title>\(HTMLEscape.text(line.name))</title>"
            if n > 1 { svg += "<polyline points=\"\(points)\"/>" }
            for (i, v) in line.values.enumerated() {
                svg += "<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"3.5\"><title>\(HTMLEscape.text(categories[i])): \(v)</title></circle>"
            }
            svg += "</g>"
            let lx = left + k * 190
            svg += "<g class=\"series \(line.cssClass)\"><line x1=\"\(lx)\" x2=\"\(lx + 22)\" y1=\"14\" y2=\"14\"/>"
            svg += "<text class=\"legend\" x=\"\(lx + 28)\" y=\"18\">\(HTMLEscape.text(line.name))</text></g>"
        }
        return svg + "</svg>"
    }

    /// A zero-based axis maximum and tick step (1, 2 or 5 × 10ⁿ) giving about five ticks.
    static func niceScale(_ maxValue: Int) -> (max: Int, step: Int) {
        guard maxValue > 0 else { return (1, 1) }
        var magnitude = 1
        while magnitude * 10 <= maxValue { magnitude *= 10 }
        var step = magnitude
        for candidate in [magnitude / 5, magnitude / 2, magnitude, magnitude * 2, magnitude * 5] where candidate >= 1 {
            if (maxValue + candidate - 1) / candidate <= 6 { step = candidate; break }
        }
        return ((maxValue + step - 1) / step * step, step)
    }

    /// `text` cut to `columns` display columns (East Asian wide characters count two), with `…`.
    static func shortened(_ text: String, columns: Int) -> String {
        guard DisplayWidth.of(text, limit: columns + 1) > columns else { return text }
        var width = 0
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            width += DisplayWidth.of(scalar)
            if width > columns - 1 { break }
            out.append(scalar)
        }
        return String(out) + "…"
    }

    private static func open(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-label=\"\(HTMLEscape.text(title))\"><title>\(HTMLEscape.text(title))</title>"
    }
}
