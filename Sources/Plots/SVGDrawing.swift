/// A chart that draws itself as a standalone SVG document, whose labels it escapes; pages embed
/// it inline (`HTML.drawing`).
public protocol SVGDrawing: Sendable {
    /// The SVG text.
    var svg: String { get }
}

extension SVGBarChart: SVGDrawing {}
extension SVGLinePlot: SVGDrawing {}
extension SVGConfusionMatrix: SVGDrawing {}

/// The parts every chart's SVG document shares.
enum SVGDocument {
    /// The opening: the root element (`width x height` pixels, sans-serif text of `fontSize`) and a white background.
    static func opening(width: Int, height: Int, fontSize: Int) -> [String] {
        ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" font-family=\"sans-serif\" font-size=\"\(fontSize)\">",
         "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"]
    }
}
