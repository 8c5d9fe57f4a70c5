import Plots
import Testing
@testable import Plots

@Suite struct SVGLinePlotTests {
    @Test func ticksAreRoundAndInsideTheRange() {
        #expect(SVGLinePlot.ticks((0.805, 0.875)).allSatisfy { $0 >= 0.805 && $0 <= 0.875 })
        let ticks = SVGLinePlot.ticks((150, 1050))
        #expect(ticks == [200, 400, 600, 800, 1000])
        #expect(SVGLinePlot.label(0.8500000001) == "0.85")
        #expect(SVGLinePlot.label(1000) == "1000")
    }

    @Test func drawsEverySeriesWithALegend() {
        let plot = SVGLinePlot(title: "a < b", xLabel: "features", yLabel: "accuracy", series: [
            .init(name: "trec", points: [(200, 0.8), (500, 0.85)]),
            .init(name: "pixels", points: [(200, 0.82), (500, 0.82)], dashed: true),
        ])
        let svg = plot.svg
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.components(separatedBy: "<circle").count == 5)
        #expect(svg.contains("stroke-dasharray") && svg.contains("a &lt; b") && svg.contains(">trec<"))
    }

    @Test func singlePointsAndEmptyPlotsStillDraw() {
        #expect(SVGLinePlot(title: "", xLabel: "", yLabel: "", series: []).svg.contains("</svg>"))
        let one = SVGLinePlot(title: "", xLabel: "", yLabel: "", series: [.init(name: "x", points: [(28, 0.5)])])
        #expect(!one.svg.contains("nan") && !one.svg.contains("inf"))
    }
}
