import Linalg
import Video

/// Spatio-temporal filters as pictures: each filter is `frames` frames of `height x width` pixels
/// (a row of `filters`, flattened in (t, y, x) order), scaled to its own contrast (0 is mid-gray,
/// the largest magnitude black or white) and enlarged `zoom` times.
///
/// `still` lays each filter out as a strip of its frames side by side (1-pixel gaps), strips in a
/// grid (larger gaps); `animation` is a grid of single tiles, frame t of the animation showing
/// frame t of every filter. Gaps are white.
public struct FilterMosaic: Sendable {
    /// One filter per row, `frames * height * width` values each.
    public let filters: Matrix
    /// Frames per filter.
    public let frames: Int
    /// Frame height in pixels.
    public let height: Int
    /// Frame width in pixels.
    public let width: Int
    /// Pixel enlargement factor.
    public let zoom: Int

    /// A mosaic of the rows of `filters`.
    public init(filters: Matrix, frames: Int, height: Int, width: Int, zoom: Int = 2) {
        precondition(frames >= 1 && height >= 1 && width >= 1 && zoom >= 1 && filters.cols == frames * height * width,
                     "filters of \(filters.cols) values are not \(frames) frames of \(height) x \(width)")
        precondition(filters.rows >= 1, "no filters to draw")
        self.filters = filters
        self.frames = frames
        self.height = height
        self.width = width
        self.zoom = zoom
    }

    /// Every filter's frames side by side, the strips in a grid of `stripsPerRow` columns.
    public func still(stripsPerRow: Int = 4) -> GrayFrame {
        let stripWidth = frames * width + (frames - 1)
        let grid = Grid(count: filters.rows, columns: Swift.min(stripsPerRow, filters.rows),
                        cellWidth: stripWidth, cellHeight: height, gap: 4)
        var canvas = Canvas(width: grid.width, height: grid.height)
        for f in 0..<filters.rows {
            let (left, top) = grid.origin(of: f)
            let gray = grayLevels(of: f)
            for t in 0..<frames { canvas.draw(gray, frame: t, height: height, width: width, x: left + t * (width + 1), y: top) }
        }
        return canvas.frame(zoom: zoom)
    }

    /// The animation frames: a grid of `tilesPerRow` columns of filter tiles, frame t of each.
    public func animation(tilesPerRow: Int = 8) -> [GrayFrame] {
        let grid = Grid(count: filters.rows, columns: Swift.min(tilesPerRow, filters.rows), cellWidth: width, cellHeight: height, gap: 2)
        let grays = (0..<filters.rows).map(grayLevels(of:))
        return (0..<frames).map { t in
            var canvas = Canvas(width: grid.width, height: grid.height)
            for (f, gray) in grays.enumerated() {
                let (left, top) = grid.origin(of: f)
                canvas.draw(gray, frame: t, height: height, width: width, x: left, y: top)
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

    /// Copies frame `t` of a `(t, y, x)`-ordered filter with `height x width` frames to (x, y).
    mutating func draw(_ gray: [UInt8], frame t: Int, height: Int, width frameWidth: Int, x: Int, y: Int) {
        for row in 0..<height {
            let source = (t * height + row) * frameWidth, target = (y + row) * width + x
            pixels.replaceSubrange(target..<(target + frameWidth), with: gray[source..<(source + frameWidth)])
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
