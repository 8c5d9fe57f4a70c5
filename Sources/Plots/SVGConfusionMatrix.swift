import Foundation

/// A confusion matrix as a standalone SVG document: true classes as rows, predicted classes as
/// columns, each cell shaded by the fraction of its row (so small classes read like large ones).
/// Cells shrink with the class count down to a size where 101 classes still carry legible labels;
/// large matrices get faint guide lines every 10 classes, every non-empty cell has a tooltip with
/// its classes and count, and counts are printed in cells large enough to hold them.
public struct SVGConfusionMatrix: Sendable {
    /// The chart's title.
    public var title: String
    /// Class names, in the order of rows and columns.
    public var classes: [String]
    /// `counts[true][predicted]`.
    public var counts: [[Int]]

    /// A chart of `counts` (square, one row per class).
    public init(title: String, classes: [String], counts: [[Int]]) {
        precondition(counts.count == classes.count && counts.allSatisfy { $0.count == classes.count }, "one row and column per class")
        self.title = title
        self.classes = classes
        self.counts = counts
    }

    /// The side of one cell in pixels: 28 for a few classes, 10 for 101.
    var cellSize: Int { max(10, min(28, 1000 / max(classes.count, 1))) }

    /// The SVG text.
    public var svg: String {
        let n = classes.count, cell = cellSize
        let font = max(8, min(12, cell - 1))
        let labelWidth = 10 + Int(Double(font) * 0.62 * Double(classes.map(\.count).max() ?? 0))
        let left = labelWidth + 20, top = labelWidth + 50
        // Wide enough for the title and the line under it (about 8 and 6 pixels a character).
        let width = max(left + n * cell + 20, left + 8 * title.count + 20, left + 330), height = top + n * cell + 40
        var parts = SVGDocument.opening(width: width, height: height, fontSize: font) + [
            "<text x=\"\(left)\" y=\"20\" font-size=\"15\">\(SVGBarChart.escape(title))</text>",
            "<text x=\"\(left)\" y=\"38\" font-size=\"11\" fill=\"#555\">rows: true class, columns: predicted class; shade: fraction of the row</text>",
            "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(n * cell)\" height=\"\(n * cell)\" fill=\"#fafafa\" stroke=\"#bbb\"/>",
        ]
        for (i, name) in classes.enumerated() {
            let centre = i * cell + cell / 2
            let label = SVGBarChart.escape(name)
            parts.append("<text x=\"\(left - 4)\" y=\"\(top + centre)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(label)</text>")
            parts.append("<text transform=\"translate(\(left + centre),\(top - 4)) rotate(-90)\" dominant-baseline=\"middle\">\(label)</text>")
        }
        // Faint guide lines every 10 classes, so a row or column can be followed across a large matrix.
        for k in stride(from: 10, to: n, by: 10) where n > 20 {
            let offset = k * cell
            parts.append("<line x1=\"\(left)\" y1=\"\(top + offset)\" x2=\"\(left + n * cell)\" y2=\"\(top + offset)\" stroke=\"#e4e4e4\"/>")
            parts.append("<line x1=\"\(left + offset)\" y1=\"\(top)\" x2=\"\(left + offset)\" y2=\"\(top + n * cell)\" stroke=\"#e4e4e4\"/>")
        }
        for (t, row) in counts.enumerated() {
            let rowTotal = row.reduce(0, +)
            for (p, count) in row.enumerated() where count > 0 {
                let fraction = Double(count) / Double(rowTotal)
                let x = left + p * cell, y = top + t * cell
                let shade = Self.shade(fraction)
                parts.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(shade)\"><title>"
                             + "true \(SVGBarChart.escape(classes[t])), predicted \(SVGBarChart.escape(classes[p])): \(count) of \(rowTotal)</title></rect>")
                if cell >= 18 {
                    parts.append("<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2)\" text-anchor=\"middle\" dominant-baseline=\"middle\" "
                                 + "fill=\"\(fraction > 0.5 ? "white" : "black")\">\(count)</text>")
                }
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// White for 0, dark blue for 1.
    static func shade(_ fraction: Double) -> String {
        let f = min(max(fraction, 0), 1)
        let (r, g, b) = (255 - f * (255 - 8), 255 - f * (255 - 48), 255 - f * (255 - 107))
        return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }
}
