import Foundation

/// Precision-recall curves as a standalone SVG document: one small panel per class, in a grid,
/// each drawing its curve as steps (precision `p_k` over the recall interval its k-th positive
/// adds) so the shaded area is the class's non-interpolated AP, which the panel prints.
public struct SVGPrecisionRecall: Sendable {
    /// One class's curve.
    public struct Curve: Sendable {
        /// The class.
        public var name: String
        /// One point per positive: the recall it reaches and the precision at its rank.
        public var points: [(recall: Double, precision: Double)]
        /// The AP printed in the panel's title; nil when the class has none.
        public var ap: Double?

        /// A curve.
        public init(name: String, points: [(recall: Double, precision: Double)], ap: Double?) {
            self.name = name
            self.points = points
            self.ap = ap
        }
    }

    /// The chart's title.
    public var title: String
    /// The panels, in order.
    public var curves: [Curve]
    /// Panels per row.
    public var columns: Int

    /// A grid of `curves`.
    public init(title: String, curves: [Curve], columns: Int = 5) {
        precondition(columns >= 1, "at least one panel per row")
        self.title = title
        self.curves = curves
        self.columns = columns
    }

    /// The SVG text.
    public var svg: String {
        let (panelWidth, panelHeight, plot, left, top) = (180, 160, 110, 40, 44)
        let columns = Swift.max(1, Swift.min(self.columns, curves.count))
        let rows = (curves.count + columns - 1) / columns
        let width = columns * panelWidth + 10, height = top + rows * panelHeight + 10
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var parts = SVGDocument.opening(width: width, height: height, fontSize: 10) + [
            "<text x=\"10\" y=\"20\" font-size=\"15\">\(SVGBarChart.escape(title))</text>",
            "<text x=\"10\" y=\"36\" font-size=\"11\" fill=\"#555\">x: recall, y: precision; the shaded area is the AP</text>",
        ]
        for (i, curve) in curves.enumerated() {
            let x0 = 10 + (i % columns) * panelWidth + left, y0 = top + (i / columns) * panelHeight + 26
            func px(_ recall: Double) -> String { f(Double(x0) + recall * Double(plot)) }
            func py(_ precision: Double) -> String { f(Double(y0 + plot) - precision * Double(plot)) }
            let name = curve.name.count > 26 ? String(curve.name.prefix(25)) + "…" : curve.name
            parts.append("<g class=\"pr-panel\"><title>\(SVGBarChart.escape(curve.name))</title>")
            parts.append("<text x=\"\(x0 - left + 4)\" y=\"\(y0 - 8)\" font-size=\"11\">\(SVGBarChart.escape(name))</text>")
            parts.append("<rect x=\"\(x0)\" y=\"\(y0)\" width=\"\(plot)\" height=\"\(plot)\" fill=\"#fafafa\" stroke=\"#999\"/>")
            for tick in [0.0, 0.5, 1.0] {
                parts.append("<text x=\"\(x0 - 4)\" y=\"\(f(Double(y0 + plot) - tick * Double(plot) + 3))\" text-anchor=\"end\">\(SVGLinePlot.label(tick))</text>")
                parts.append("<text x=\"\(px(tick))\" y=\"\(y0 + plot + 12)\" text-anchor=\"middle\">\(SVGLinePlot.label(tick))</text>")
            }
            if curve.points.isEmpty {
                parts.append("<text x=\"\(x0 + plot / 2)\" y=\"\(y0 + plot / 2)\" text-anchor=\"middle\" fill=\"#888\">no positive</text>")
            } else {
                // Steps: precision p_k over (recall_{k-1}, recall_k], closed down to the axis for the shaded area.
                var outline: [String] = []
                var previous = 0.0
                for point in curve.points {
                    outline.append("\(px(previous)),\(py(point.precision))")
                    outline.append("\(px(point.recall)),\(py(point.precision))")
                    previous = point.recall
                }
                let area = ["\(px(0)),\(py(0))"] + outline + ["\(px(previous)),\(py(0))"]
                parts.append("<polygon points=\"\(area.joined(separator: " "))\" fill=\"#4477aa\" fill-opacity=\"0.25\" stroke=\"none\"/>")
                parts.append("<polyline points=\"\(outline.joined(separator: " "))\" fill=\"none\" stroke=\"#4477aa\" stroke-width=\"1.5\"/>")
                if let ap = curve.ap {
                    parts.append("<text x=\"\(x0 + plot - 4)\" y=\"\(y0 + plot - 6)\" text-anchor=\"end\" font-size=\"11\">\(String(format: "AP %.1f", 100 * ap))</text>")
                }
            }
            parts.append("</g>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }
}

extension SVGPrecisionRecall: SVGDrawing {}
