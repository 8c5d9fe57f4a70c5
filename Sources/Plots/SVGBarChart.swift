import Foundation

/// A horizontal bar chart as a standalone SVG document: one bar per label, values in [0, 1]
/// (average precision, accuracy), with labelled dashed reference lines (the run's mean, the
/// paper's). A value that is missing or not finite (an undefined AP) gets no bar, only the note
/// "n/a". Bars carry `class="bar"`, so a page's bars can be counted.
public struct SVGBarChart: Sendable {
    /// The chart's title.
    public var title: String
    /// One label per bar.
    public var labels: [String]
    /// One value per bar, in [0, 1]; nil (or a non-finite value) where there is none.
    public var values: [Double?]
    /// Labelled reference values, each drawn as a dashed vertical line (colours in turn).
    public var references: [(label: String, value: Double)]
    /// A value to compare each bar with (such as the paper's figure for that row), drawn as a
    /// dark tick across the bar's row, with its label in the legend; nil values get no tick.
    public var marks: (label: String, values: [Double?])?

    /// A chart of `values` by `labels`.
    public init(title: String, labels: [String], values: [Double?], references: [(label: String, value: Double)] = []) {
        precondition(labels.count == values.count, "one label per value")
        self.title = title
        self.labels = labels
        self.values = values
        self.references = references
    }

    /// A chart with at most one reference line.
    public init(title: String, labels: [String], values: [Double?], reference: (label: String, value: Double)?) {
        self.init(title: title, labels: labels, values: values, references: reference.map { [$0] } ?? [])
    }

    /// Colours of the reference lines, in turn.
    static let referenceColours = ["#cc3311", "#228833", "#aa3377"]

    /// The SVG text.
    public var svg: String {
        let labelWidth = 10 + 7 * (labels.map(\.count).max() ?? 0)
        let plotWidth = 400, barHeight = 22, top = 40
        let width = labelWidth + plotWidth + 70
        let legendLines = references.count + (marks == nil ? 0 : 1)
        let height = top + barHeight * labels.count + 24 + 16 * max(legendLines, 1)
        func x(_ v: Double) -> Int { labelWidth + (v.isFinite ? Int((min(max(v, 0), 1) * Double(plotWidth)).rounded()) : 0) }
        var parts = SVGDocument.opening(width: width, height: height, fontSize: 12) + [
            "<text x=\"\(width / 2)\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(Self.escape(title))</text>",
        ]
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let tx = x(tick), bottom = top + barHeight * labels.count
            parts.append("<line x1=\"\(tx)\" y1=\"\(top)\" x2=\"\(tx)\" y2=\"\(bottom)\" stroke=\"#ddd\"/>")
            parts.append("<text x=\"\(tx)\" y=\"\(bottom + 15)\" text-anchor=\"middle\">\(String(format: "%.2f", tick))</text>")
        }
        for (i, (label, value)) in zip(labels, values).enumerated() {
            let y = top + i * barHeight
            parts.append("<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(Self.escape(label))</text>")
            guard let value, value.isFinite else {
                parts.append("<text x=\"\(labelWidth + 4)\" y=\"\(y + 15)\" fill=\"#888\">n/a</text>")
                continue
            }
            parts.append("<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(x(value) - labelWidth)\" height=\"\(barHeight - 6)\" fill=\"#4477aa\"/>")
            parts.append("<text x=\"\(x(value) + 4)\" y=\"\(y + 15)\">\(String(format: "%.3f", value))</text>")
        }
        if let marks {
            precondition(marks.values.count == labels.count, "one mark per bar")
            for (i, value) in marks.values.enumerated() {
                guard let value, value.isFinite else { continue }
                let y = top + i * barHeight
                parts.append("<line class=\"mark\" x1=\"\(x(value))\" y1=\"\(y + 1)\" x2=\"\(x(value))\" y2=\"\(y + barHeight - 1)\" stroke=\"#222\" stroke-width=\"3\"/>")
            }
            let ly = top + barHeight * labels.count + 32 + 16 * references.count
            parts.append("<line x1=\"\(labelWidth)\" y1=\"\(ly - 10)\" x2=\"\(labelWidth)\" y2=\"\(ly + 2)\" stroke=\"#222\" stroke-width=\"3\"/>")
            parts.append("<text x=\"\(labelWidth + 6)\" y=\"\(ly)\">\(Self.escape(marks.label))</text>")
        }
        for (i, reference) in references.enumerated() where reference.value.isFinite {
            let rx = x(reference.value), bottom = top + barHeight * labels.count
            let colour = Self.referenceColours[i % Self.referenceColours.count]
            parts.append("<line x1=\"\(rx)\" y1=\"\(top - 4)\" x2=\"\(rx)\" y2=\"\(bottom)\" stroke=\"\(colour)\" stroke-dasharray=\"5,3\"/>")
            parts.append("<text x=\"\(rx)\" y=\"\(bottom + 32 + 16 * i)\" text-anchor=\"middle\" fill=\"\(colour)\">\(Self.escape(reference.label))</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// Text with XML's special characters escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
