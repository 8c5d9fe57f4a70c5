import Foundation
import Linalg
import Support

/// The classes of the embedded motion dataset: global motions of a random texture that only
/// spatio-temporal features can tell apart (every single frame looks alike across classes).
public enum Motion: String, SettingChoice, Sendable {
    /// Rotation clockwise (as displayed).
    case rotateClockwise = "RotateClockwise"
    /// Rotation counter-clockwise.
    case rotateCounterclockwise = "RotateCounterclockwise"
    /// Translation to the left.
    case shiftLeft = "ShiftLeft"
    /// Translation to the right.
    case shiftRight = "ShiftRight"
    /// Translation upwards.
    case shiftUp = "ShiftUp"
    /// Translation downwards.
    case shiftDown = "ShiftDown"
    /// Zooming in (the texture grows).
    case zoomIn = "ZoomIn"
    /// Zooming out (the texture shrinks).
    case zoomOut = "ZoomOut"
}

/// Renders short gray clips of a random dot texture undergoing one `Motion`, with a random speed
/// and a random texture per clip, so that train and test clips are drawn independently.
public struct MotionClipRenderer: Sendable {
    /// Frame width in pixels.
    public var width: Int
    /// Frame height in pixels.
    public var height: Int
    /// Frames per clip.
    public var frameCount: Int

    /// A renderer of `frameCount` frames of `width x height` pixels.
    public init(width: Int = 128, height: Int = 96, frameCount: Int = 30) {
        self.width = width
        self.height = height
        self.frameCount = frameCount
    }

    /// One clip: `frameCount` frames of row-major gray pixels.
    public func render(_ motion: Motion, rng: inout SeededRandom) -> [[UInt8]] {
        let texture = Self.dotTexture(size: 256, dots: 260, rng: &rng)
        // Speeds per frame, at full resolution: 2.5-5 degrees, 1.5-3 pixels, 2.5-4.5 percent.
        let degrees = 2.5 + 2.5 * Double(rng.uniform())
        let pixels = 1.5 + 1.5 * Double(rng.uniform())
        let zoom = 1.025 + 0.02 * Double(rng.uniform())
        let origin = (x: Double(rng.uniform()) * 256, y: Double(rng.uniform()) * 256)
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        return (0..<frameCount).map { frame in
            let t = Double(frame)
            var angle = 0.0, dx = 0.0, dy = 0.0, scale = 1.0
            switch motion {
            case .rotateClockwise: angle = degrees * t * .pi / 180
            case .rotateCounterclockwise: angle = -degrees * t * .pi / 180
            case .shiftLeft: dx = -pixels * t
            case .shiftRight: dx = pixels * t
            case .shiftUp: dy = -pixels * t
            case .shiftDown: dy = pixels * t
            case .zoomIn: scale = pow(zoom, t)
            case .zoomOut: scale = pow(zoom, -t) * 2
            }
            // Inverse map each output pixel into the texture: undo the shift, scale and rotation.
            let c = cos(angle), s = sin(angle)
            var pixelsOut = [UInt8](repeating: 0, count: width * height)
            for y in 0..<height {
                for x in 0..<width {
                    let qx = (Double(x) - cx - dx) / scale, qy = (Double(y) - cy - dy) / scale
                    let u = c * qx + s * qy + origin.x, v = -s * qx + c * qy + origin.y
                    pixelsOut[y * width + x] = UInt8(max(0, min(255, texture.value(x: u, y: v).rounded())))
                }
            }
            return pixelsOut
        }
    }

    /// A periodic texture of soft random dots (Gaussian blobs, wrapping at the borders) on a dark background.
    static func dotTexture(size: Int, dots: Int, rng: inout SeededRandom) -> PeriodicImage {
        var pixels = [Float](repeating: 20, count: size * size)
        func wrap(_ i: Int) -> Int { ((i % size) + size) % size }
        for _ in 0..<dots {
            let x = Double(rng.uniform()) * Double(size), y = Double(rng.uniform()) * Double(size)
            let radius = 2 + 3 * Double(rng.uniform()), brightness = 90 + 145 * Double(rng.uniform())
            let reach = Int((3 * radius).rounded(.up))
            for oy in -reach...reach {
                for ox in -reach...reach {
                    let px = Int(x) + ox, py = Int(y) + oy
                    let d2 = pow(Double(px) - x, 2) + pow(Double(py) - y, 2)
                    let index = wrap(py) * size + wrap(px)
                    pixels[index] = min(255, pixels[index] + Float(brightness * exp(-d2 / (2 * radius * radius))))
                }
            }
        }
        return PeriodicImage(height: size, width: size, pixels: pixels)
    }
}
