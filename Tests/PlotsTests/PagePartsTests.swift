import Foundation
import Testing
import TestSupport
import Video
@testable import Plots

@Suite struct PagePartsTests {
    @Test("precision-recall panels: one per class, steps whose shaded area is the AP, names escaped")
    func precisionRecallPanels() {
        let chart = SVGPrecisionRecall(title: "PR <curves>", curves: [
            .init(name: "<script>", points: [(0.5, 1), (1, 2.0 / 3)], ap: 5.0 / 6),
            .init(name: "empty", points: [], ap: nil),
            .init(name: "c", points: [(1, 1)], ap: 1),
        ], columns: 2)
        let svg = chart.svg
        #expect(svg.components(separatedBy: "<g class=\"pr-panel\">").count - 1 == 3)
        #expect(svg.contains(">&lt;script&gt;</text>") && svg.contains(">AP 83.3</text>") && !svg.contains("<script>") && svg.contains("PR &lt;curves&gt;"))
        #expect(svg.contains(">no positive<"))
        // The first panel's steps: x from 50 (recall 0) over 110 pixels, y from 70 (precision 1) down 110 pixels.
        #expect(svg.contains("<polyline points=\"50.0,70.0 105.0,70.0 105.0,106.7 160.0,106.7\""))
        #expect(svg.contains("width=\"370\" height=\"374\""), "2 columns of 180, 2 rows of 160")
    }

    @Test("bars carry a class and every reference gets its own line and label")
    func barChartReferences() {
        let chart = SVGBarChart(title: "AP", labels: ["a", "b", "c"], values: [0.5, nil, 0.25],
                                references: [("mean 37.5", 0.375), ("paper 50.4", 0.504)])
        #expect(chart.svg.components(separatedBy: "<rect class=\"bar\"").count - 1 == 2)
        #expect(chart.svg.contains(">mean 37.5<") && chart.svg.contains(">paper 50.4<") && chart.svg.contains("stroke=\"#228833\""))
    }

    @Test("a clip strip: frames spread over the clip, each shrunk by area averaging")
    func clipStrip() throws {
        // 96 x 64 at half size is 48 x 32, shrunk to 24 rows: 36 columns.
        let strip = try ClipStrip.make(path: TestPaths.fixtureVideos.appendingPathComponent("moving-dots-96x64.avi").path, frames: 3, height: 24)
        #expect(strip.width == 3 * 36 + 2 * 2 && strip.height == 24)
        #expect(strip.pixels[36] == 255 && strip.pixels[37] == 255, "white gaps")
        let frame = GrayFrame(width: 4, height: 2, pixels: [0, 10, 20, 30, 40, 50, 60, 71])
        #expect(ClipStrip.shrunk(frame, height: 1) == GrayFrame(width: 2, height: 1, pixels: [25, 45]))
        #expect(throws: VideoError.self) { try ClipStrip.make(path: "/nonexistent.avi") }
    }
}
