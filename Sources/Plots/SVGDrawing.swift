/// A chart that draws itself as a standalone SVG document, whose labels it escapes; pages embed
/// it inline (`HTML.drawing`).
public protocol SVGDrawing: Sendable {
    /// The SVG text.
    var svg: String { get }
}

extension SVGBarChart: SVGDrawing {}
extension SVGLinePlot: SVGDrawing {}
extension SVGConfusionMatrix: SVGDrawing {}
