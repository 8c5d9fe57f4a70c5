import Foundation
import Linalg

/// Where the crop window of one camera-motion clip lies in each of its frames, in source pixels:
/// its centre moves linearly from `startCentre` to `endCentre` and its width changes geometrically
/// from `startWidth` to `endWidth` (constant for pans), its height following at the clip's aspect.
public struct CameraPath: Sendable, Equatable {
    /// Window centre (x, y) in the first and the last frame.
    public var startCentre: (x: Double, y: Double), endCentre: (x: Double, y: Double)
    /// Window width in the first and the last frame.
    public var startWidth: Double, endWidth: Double
    /// Output width / height: the window's aspect.
    public var aspect: Double

    public static func == (a: CameraPath, b: CameraPath) -> Bool {
        a.startCentre == b.startCentre && a.endCentre == b.endCentre && a.startWidth == b.startWidth
            && a.endWidth == b.endWidth && a.aspect == b.aspect
    }

    /// A random path of `motion` for a `frameCount`-frame clip of `width x height` pixels over a
    /// source of `sourceWidth x sourceHeight` pixels; the window never leaves the source.
    /// Pans: a window of 45-65% of the largest one that fits, moving 1-2.5 output pixels per frame
    /// (less where the source has no room). Zooms: from 80-95% of the largest window, by 2-3.5% per frame.
    public static func random(_ motion: CameraMotion, frameCount: Int, width: Int, height: Int,
                              sourceWidth: Int, sourceHeight: Int, rng: inout SeededRandom) -> CameraPath {
        let aspect = Double(width) / Double(height)
        let fitWidth = min(Double(sourceWidth), Double(sourceHeight) * aspect)
        let steps = Double(max(frameCount - 1, 1))
        func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * Double(rng.uniform()) }
        switch motion {
        case .panLeft, .panRight, .panUp, .panDown:
            let w = fitWidth * uniform(0.45, 0.65), h = w / aspect
            let horizontal = motion == .panLeft || motion == .panRight
            let slack = horizontal ? Double(sourceWidth) - w : Double(sourceHeight) - h
            let across = horizontal ? Double(sourceHeight) - h : Double(sourceWidth) - w
            let travel = min(slack, uniform(1, 2.5) * (w / Double(width)) * steps)
            let from = uniform(0, slack - travel), side = uniform(0, across)
            let (a, b) = motion == .panRight || motion == .panDown ? (from, from + travel) : (from + travel, from)
            let start = horizontal ? (x: a + w / 2, y: side + h / 2) : (x: side + w / 2, y: a + h / 2)
            let end = horizontal ? (x: b + w / 2, y: side + h / 2) : (x: side + w / 2, y: b + h / 2)
            return CameraPath(startCentre: start, endCentre: end, startWidth: w, endWidth: w, aspect: aspect)
        case .zoomIn, .zoomOut:
            let big = fitWidth * uniform(0.8, 0.95), small = big / pow(uniform(1.02, 1.035), steps)
            let bigHeight = big / aspect
            let centre = (x: uniform(big / 2, Double(sourceWidth) - big / 2), y: uniform(bigHeight / 2, Double(sourceHeight) - bigHeight / 2))
            let (a, b) = motion == .zoomIn ? (big, small) : (small, big)
            return CameraPath(startCentre: centre, endCentre: centre, startWidth: a, endWidth: b, aspect: aspect)
        }
    }

    /// The window (left, top, width, height) at `fraction` of the clip (0 first frame, 1 last).
    public func window(at fraction: Double) -> (left: Double, top: Double, width: Double, height: Double) {
        let w = startWidth * pow(endWidth / startWidth, fraction), h = w / aspect
        let cx = startCentre.x + (endCentre.x - startCentre.x) * fraction
        let cy = startCentre.y + (endCentre.y - startCentre.y) * fraction
        return (cx - w / 2, cy - h / 2, w, h)
    }

    /// The `width x height` view of `source` (row-major gray, `sourceWidth x sourceHeight`) through
    /// the window at `fraction`: each output pixel the mean of n x n bilinear samples spread over
    /// the source area it covers (n the window's scale rounded up), so shrinking does not alias.
    public func render(source: [UInt8], sourceWidth: Int, sourceHeight: Int, width: Int, height: Int, at fraction: Double) -> [UInt8] {
        let window = window(at: fraction)
        let scaleX = window.width / Double(width), scaleY = window.height / Double(height)
        let taps = max(1, Int(max(scaleX, scaleY).rounded(.up)))
        var out = [UInt8](repeating: 0, count: width * height)
        source.withUnsafeBufferPointer { pixels in
            func sample(_ x: Double, _ y: Double) -> Double {
                let cx = min(max(x, 0), Double(sourceWidth - 1)), cy = min(max(y, 0), Double(sourceHeight - 1))
                let x0 = min(Int(cx), max(sourceWidth - 2, 0)), y0 = min(Int(cy), max(sourceHeight - 2, 0))
                let x1 = min(x0 + 1, sourceWidth - 1), y1 = min(y0 + 1, sourceHeight - 1)
                let fx = cx - Double(x0), fy = cy - Double(y0)
                let top = Double(pixels[y0 * sourceWidth + x0]) * (1 - fx) + Double(pixels[y0 * sourceWidth + x1]) * fx
                let bottom = Double(pixels[y1 * sourceWidth + x0]) * (1 - fx) + Double(pixels[y1 * sourceWidth + x1]) * fx
                return top * (1 - fy) + bottom * fy
            }
            for y in 0..<height {
                for x in 0..<width {
                    var sum = 0.0
                    for j in 0..<taps {
                        let sy = window.top + (Double(y) + (Double(j) + 0.5) / Double(taps)) * scaleY - 0.5
                        for i in 0..<taps {
                            sum += sample(window.left + (Double(x) + (Double(i) + 0.5) / Double(taps)) * scaleX - 0.5, sy)
                        }
                    }
                    out[y * width + x] = UInt8(max(0, min(255, (sum / Double(taps * taps)).rounded())))
                }
            }
        }
        return out
    }
}
