import Linalg
import Video

/// Spatio-temporal filters as pictures: each filter is `frames` frames of `size x size` pixels
/// (a row of `filters`, flattened in (t, y, x) order), scaled to its own contrast (0 is mid-gray,
/// the largest magnitude black or white) and enlarged `zoom` times.
///
/// `still` lays each filter out as a strip of its frames side by side (1-pixel gaps), strips in a
/// grid (larger gaps); `animation` is a grid of single tiles, frame t of the animation showing
/// frame t of every filter. Gaps are white.
public struct FilterMosaic: Sendable {
    /// One filter per row, `frames * size * size` values each.
    public let filters: Matrix
    /// Frames per filter.
    public let frames: Int
    /// Frame side in pixels.
    public let size: Int
    /// Pixel enlargement factor.
    public let zoom: Int

    /// A mosaic of the rows of `filters`.
    public init(filters: Matrix, frames: Int, size: Int, zoom: Int = 2) {
        precondition(frames >= 1 && size >= 1 && zoom >= 1 && filters.cols == frames * size * size,
                     "filters of \(filters.cols) values are not \(frames) frames of \(size) x \(size)")
        precondition(filters.rows >= 1, "no filters to draw")
        self.filters = filters
        self.frames = frames
        self.size = size
        self.zoom = zoom
    }

    /// The rows of `pixelFilters` whose `weights` columns (same order) have the largest norms,
    /// largest first, at most `count` of them.
    public static func strongest(_ count: Int, of pixelFilters: Matrix, weights: Matrix) -> Matrix {
        precondition(weights.cols == pixelFilters.rows, "one weight column per filter")
        let norms = (0..<weights.cols).map { j in (0..<weights.rows).reduce(Float(0)) { $0 + weights[$1, j] * weights[$1, j] } }
        let order = norms.indices.sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        return pixelFilters.rows(at: Array(order.prefix(count)))
    }

    /// Every filter's frames side by side, the strips in a grid of `stripsPerRow` columns.
    public func still(stripsPerRow: Int = 4) -> GrayFrame {
        let stripWidth = frames * size + (frames - 1)
        let grid = Grid(count: filters.rows, columns: Swift.min(stripsPerRow, filters.rows),
                        cellWidth: stripWidth, cellHeight: size, gap: 4)
        var canvas = Canvas(width: grid.width, height: grid.height)
        for f in 0..<filters.rows {
            let (left, top) = grid.origin(of: f)
            let gray = grayLevels(of: f)
            for t in 0..<frames { canvas.draw(gray, frame: t, size: size, x: left + t * (size + 1), y: top) }
        }
        return canvas.frame(zoom: zoom)
    }

    /// The animation frames: a grid of `tilesPerRow` columns of filter tiles, frame t of each.
    public func animation(tilesPerRow: Int = 8) -> [GrayFrame] {
        let grid = Grid(count: filters.rows, columns: Swift.min(tilesPerRow, filters.rows), cellWidth: size, cellHeight: size, gap: 2)
        let grays = (0..<filters.rows).map(grayLevels(of:))
        return (0..<frames).map { t in
            var canvas = Canvas(width: grid.width, height: grid.height)
            for (f, gray) in grays.enumerated() {
                let (left, top) = grid.origin(of: f)
                canvas.draw(gray, frame: t, size: size, x: left, y: top)
            }
            return canvas.frame(zoom: zoom)
        }
    }

    /// Filter `f` mapped to gray levels: `128 + 127 v / max |v|` (all mid-gray for a zero filter).
    private func grayLevels(of f: Int) -> [UInt8] {
        let values = filters.row(f)
        let peak = values.reduce(Float(0)) { Swift.max($0, abs($1)) }
        let scale = peak > 0 ? 127 / peak : 0
        return values.map { UInt8((128 + scale * $0).rounded()) }
    }
}

/// Cells of equal size in rows of `columns`, separated by `gap` pixels.
private struct Grid {
    let count: Int, columns: Int, cellWidth: Int, cellHeight: Int, gap: Int

    var rows: Int { (count + columns - 1) / columns }
    var width: Int { columns * cellWidth + (columns - 1) * gap }
    var height: Int { rows * cellHeight + (rows - 1) * gap }

    /// The top-left pixel of cell `i` (row-major order).
    func origin(of i: Int) -> (x: Int, y: Int) {
        ((i % columns) * (cellWidth + gap), (i / columns) * (cellHeight + gap))
    }
}

/// A white picture that filter frames are drawn into.
private struct Canvas {
    let width: Int, height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 255, count: width * height)
    }

    /// Copies frame `t` of a `(t, y, x)`-ordered filter with `size x size` frames to (x, y).
    mutating func draw(_ gray: [UInt8], frame t: Int, size: Int, x: Int, y: Int) {
        for row in 0..<size {
            let source = (t * size + row) * size, target = (y + row) * width + x
            pixels.replaceSubrange(target..<(target + size), with: gray[source..<(source + size)])
        }
    }

    /// The picture with every pixel repeated `zoom x zoom` times.
    func frame(zoom: Int) -> GrayFrame {
        var out = [UInt8](repeating: 0, count: width * height * zoom * zoom)
        for y in 0..<(height * zoom) {
            for x in 0..<(width * zoom) { out[y * width * zoom + x] = pixels[(y / zoom) * width + x / zoom] }
        }
        return GrayFrame(width: width * zoom, height: height * zoom, pixels: out)
    }
}
