import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Plots

@Suite struct SVGConfusionMatrixTests {
    @Test("101 classes: well-formed SVG, cells and labels large enough to read, a tooltip per non-empty cell")
    func readableWithUCF101Size() throws {
        let n = 101
        let classes = (0..<n).map { "Class\($0)WithALongName" }
        // Mostly right, every fifth class confused with its neighbour.
        let counts = (0..<n).map { t in (0..<n).map { p in p == t ? 30 : (t % 5 == 0 && p == (t + 1) % n ? 7 : 0) } }
        let chart = SVGConfusionMatrix(title: "UCF101 <test>", classes: classes, counts: counts)
        let svg = chart.svg
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "the SVG is well-formed XML")
        #expect(chart.cellSize >= 10)
        #expect(svg.contains("font-family=\"sans-serif\" font-size=\"9\""), "9-pixel labels in 10-pixel cells")
        #expect(svg.components(separatedBy: "<title>").count - 1 == n + (0..<n).filter { $0 % 5 == 0 }.count)
        #expect(svg.contains("true Class0WithALongName, predicted Class1WithALongName: 7 of 37"))
        #expect(svg.components(separatedBy: ">Class100WithALongName<").count - 1 == 2, "row and column label")
        #expect(svg.contains("UCF101 &lt;test&gt;"))
        #expect(svg.components(separatedBy: "stroke=\"#e4e4e4\"").count - 1 == 2 * 10, "a guide line every 10 classes")
    }

    @Test("a few classes get large cells with their counts printed; shades run from white to dark blue")
    func smallMatrix() {
        let chart = SVGConfusionMatrix(title: "t", classes: ["a", "b"], counts: [[3, 1], [0, 4]])
        #expect(chart.cellSize == 28)
        #expect(chart.svg.contains(">3</text>") && chart.svg.contains(">4</text>") && !chart.svg.contains(">0</text>"))
        #expect(SVGConfusionMatrix.shade(0) == "#ffffff" && SVGConfusionMatrix.shade(1) == "#08306b")
    }
}
