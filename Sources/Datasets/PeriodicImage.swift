import Foundation

/// A gray image on a torus: sampling past an edge wraps around to the opposite edge.
///
/// Values between pixels come from cubic convolution (Keys 1981, a = -1/2, the Catmull-Rom
/// kernel): 4 x 4 taps, exact at pixel centres, wrapped periodically at the borders.
/// Pixel (x, y) is `pixels[y * width + x]`, x to the right, y downwards.
public struct PeriodicImage: Equatable, Sendable {
    /// Number of rows.
    public let height: Int
    /// Number of columns.
    public let width: Int
    /// The pixels, row-major.
    public let pixels: [Float]

    /// An image over `pixels`, which must hold `height * width` values.
    public init(height: Int, width: Int, pixels: [Float]) {
        precondition(height > 0 && width > 0 && pixels.count == height * width,
                     "\(pixels.count) pixels do not make a \(height) x \(width) image")
        self.height = height
        self.width = width
        self.pixels = pixels
    }

    /// The interpolated value at the continuous position (x, y), in pixel units.
    public func value(x: Double, y: Double) -> Float {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let wx = Self.cubicWeights(x - Double(x0)), wy = Self.cubicWeights(y - Double(y0))
        var sum: Double = 0
        for j in 0..<4 {
            let row = Self.wrap(y0 - 1 + j, height) * width
            var rowSum: Double = 0
            for i in 0..<4 { rowSum += wx[i] * Double(pixels[row + Self.wrap(x0 - 1 + i, width)]) }
            sum += wy[j] * rowSum
        }
        return Float(sum)
    }

    /// The `size x size` centre window of the image rotated by `degrees` about the window's centre.
    ///
    /// Positive angles turn content from the +x axis towards the +y axis (clockwise as displayed,
    /// with y downwards). The window starts at ((width - size) / 2, (height - size) / 2).
    public func rotatedCentreWindow(size: Int, degrees: Double) -> [Float] {
        let radians = degrees * .pi / 180
        let (c, s) = (cos(radians), sin(radians))
        return centreWindow(size: size) { dx, dy in (c * dx + s * dy, -s * dx + c * dy) }
    }

    /// The `size x size` centre window of the image shifted by (dx, dy) pixels (content moves
    /// towards +x and +y for positive values), wrapping around the edges.
    public func shiftedCentreWindow(size: Int, dx: Double, dy: Double) -> [Float] {
        centreWindow(size: size) { x, y in (x - dx, y - dy) }
    }

    /// The centre window of the warped image whose pixel at offset (x, y) from the window's centre
    /// takes the value at offset `source(x, y)` from that centre.
    private func centreWindow(size: Int, source: (Double, Double) -> (Double, Double)) -> [Float] {
        precondition(size >= 1 && size <= height && size <= width, "a \(size)-pixel window does not fit a \(height) x \(width) image")
        let left = (width - size) / 2, top = (height - size) / 2
        let cx = Double(left) + Double(size - 1) / 2, cy = Double(top) + Double(size - 1) / 2
        var out = [Float](repeating: 0, count: size * size)
        for y in 0..<size {
            for x in 0..<size {
                let (sx, sy) = source(Double(left + x) - cx, Double(top + y) - cy)
                out[y * size + x] = value(x: cx + sx, y: cy + sy)
            }
        }
        return out
    }

    /// The four Keys (a = -1/2) weights for taps at offsets -1, 0, 1, 2 from a fractional position `t` in [0, 1).
    private static func cubicWeights(_ t: Double) -> SIMD4<Double> {
        let t2 = t * t, t3 = t2 * t
        return SIMD4(-t3 + 2 * t2 - t, 3 * t3 - 5 * t2 + 2, -3 * t3 + 4 * t2 + t, t3 - t2) / 2
    }

    private static func wrap(_ i: Int, _ n: Int) -> Int {
        let r = i % n
        return r < 0 ? r + n : r
    }
}
