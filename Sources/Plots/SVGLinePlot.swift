import Foundation

/// A line plot as a standalone SVG document: one polyline with markers per series, linear axes
/// fitted to the data, and a legend (accuracy against feature count or patch size).
public struct SVGLinePlot: Sendable {
    /// One named line.
    public struct Series: Sendable {
        /// The legend entry.
        public var name: String
        /// The points, drawn in the order given.
        public var points: [(x: Double, y: Double)]
        /// Drawn dashed (a baseline).
        public var dashed: Bool
        /// A dot on every point (off for long curves such as spectra).
        public var markers: Bool

        /// A series.
        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false, markers: Bool = true) {
            self.name = name
            self.points = points
            self.dashed = dashed
            self.markers = markers
        }
    }

    /// The plot's title.
    public var title: String
    /// The x axis' label.
    public var xLabel: String
    /// The y axis' label.
    public var yLabel: String
    /// The lines.
    public var series: [Series]
    /// A logarithmic y axis (ticks at powers of ten; points at or below 0 are left out).
    public var logarithmicY: Bool

    /// A plot of `series`.
    public init(title: String, xLabel: String, yLabel: String, series: [Series], logarithmicY: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logarithmicY = logarithmicY
    }

    /// A point's position on the axes: y as its logarithm on a logarithmic axis; nil when it cannot be drawn.
    private func placed(_ point: (x: Double, y: Double)) -> (x: Double, y: Double)? {
        let y = logarithmicY ? (point.y > 0 ? log10(point.y) : .nan) : point.y
        return point.x.isFinite && y.isFinite ? (point.x, y) : nil
    }

    /// Colours of the lines, in turn (Paul Tol's bright scheme).
    static let palette = ["#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb"]

    /// The SVG text.
    public var svg: String {
        let points = series.flatMap(\.points).compactMap(placed)
        let (xRange, yRange) = (Self.span(points.map(\.x)), Self.span(points.map(\.y)))
        let (left, top, plotWidth, plotHeight) = (60, 40, 420, 260)
        let legendWidth = 20 + 7 * (series.map(\.name.count).max() ?? 0)
        let (width, height) = (left + plotWidth + 30 + legendWidth, top + plotHeight + 50)
        func px(_ x: Double) -> Double { Double(left) + (x - xRange.low) / (xRange.high - xRange.low) * Double(plotWidth) }
        func py(_ y: Double) -> Double { Double(top + plotHeight) - (y - yRange.low) / (yRange.high - yRange.low) * Double(plotHeight) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var parts = SVGDocument.opening(width: width, height: height, fontSize: 12) + [
            "<text x=\"\(left + plotWidth / 2)\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(SVGBarChart.escape(title))</text>",
            "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"none\" stroke=\"#888\"/>",
        ]
        for tick in Self.ticks(xRange) {
            parts.append("<line x1=\"\(f(px(tick)))\" y1=\"\(top)\" x2=\"\(f(px(tick)))\" y2=\"\(top + plotHeight)\" stroke=\"#eee\"/>")
            parts.append("<text x=\"\(f(px(tick)))\" y=\"\(top + plotHeight + 15)\" text-anchor=\"middle\">\(Self.label(tick))</text>")
        }
        // Powers of ten on a logarithmic axis that spans two or more of them, else round values.
        let decades = stride(from: ceil(yRange.low), through: yRange.high, by: 1).map { $0 }
        let yTicks = logarithmicY && decades.count >= 2 ? decades : Self.ticks(yRange)
        for tick in yTicks {
            parts.append("<line x1=\"\(left)\" y1=\"\(f(py(tick)))\" x2=\"\(left + plotWidth)\" y2=\"\(f(py(tick)))\" stroke=\"#eee\"/>")
            let text = logarithmicY ? Self.powerLabel(tick) : Self.label(tick)
            parts.append("<text x=\"\(left - 6)\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\">\(text)</text>")
        }
        parts.append("<text x=\"\(left + plotWidth / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">\(SVGBarChart.escape(xLabel))</text>")
        parts.append("<text transform=\"translate(14 \(top + plotHeight / 2)) rotate(-90)\" text-anchor=\"middle\">\(SVGBarChart.escape(yLabel))</text>")
        for (i, line) in series.enumerated() {
            let colour = Self.palette[i % Self.palette.count]
            let dash = line.dashed ? " stroke-dasharray=\"6,4\"" : ""
            let drawn = line.points.compactMap(placed).map { (x: f(px($0.x)), y: f(py($0.y))) }
            parts.append("<polyline points=\"\(drawn.map { "\($0.x),\($0.y)" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>")
            if line.markers { parts += drawn.map { "<circle cx=\"\($0.x)\" cy=\"\($0.y)\" r=\"3\" fill=\"\(colour)\"/>" } }
            let ly = top + 10 + 18 * i
            parts.append("<line x1=\"\(left + plotWidth + 20)\" y1=\"\(ly)\" x2=\"\(left + plotWidth + 40)\" y2=\"\(ly)\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>")
            parts.append("<text x=\"\(left + plotWidth + 46)\" y=\"\(ly + 4)\">\(SVGBarChart.escape(line.name))</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// The range of `values` with a margin, never empty (a single value gets a unit-wide range).
    static func span(_ values: [Double]) -> (low: Double, high: Double) {
        guard let low = values.min(), let high = values.max() else { return (0, 1) }
        guard high > low else { return (low - 0.5 * max(abs(low), 1) * 0.1, high + 0.5 * max(abs(high), 1) * 0.1) }
        let margin = 0.05 * (high - low)
        return (low - margin, high + margin)
    }

    /// About five round tick values inside `range` (steps of 1, 2 or 5 times a power of ten).
    static func ticks(_ range: (low: Double, high: Double)) -> [Double] {
        let raw = (range.high - range.low) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw }!
        return stride(from: ceil(range.low / step) * step, through: range.high, by: step).map { $0 }
    }

    /// The value 10^`exponent` for a logarithmic axis: plain from 0.01 to 1000 (`0.1`, `100`), else `1e6`.
    static func powerLabel(_ exponent: Double) -> String {
        guard exponent == exponent.rounded() else { return String(format: "%.2g", pow(10, exponent)) }
        return (-2...3).contains(exponent) ? label(pow(10, exponent)) : "1e\(Int(exponent))"
    }

    /// A tick value without needless decimals.
    static func label(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%g", rounded)
    }
}
