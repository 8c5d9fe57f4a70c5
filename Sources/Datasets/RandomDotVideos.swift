import Foundation
import Linalg
import Support

/// Generates the transforming random-dot videos of the paper's Figure 5 (after Memisevic and
/// Hinton 2010): a random first frame, and frame t the first frame transformed t times by a
/// per-video motion.
///
/// **Rotation.** Each video gets an angular velocity: a von Mises sample with mean 0 and
/// concentration `kappa` (1 by default), drawn in radians on (-pi, pi] and converted to degrees,
/// so per-frame rotations lie in (-180, 180] degrees, concentrated around 0 (circular standard
/// deviation about 73 degrees for kappa 1). Frame t is the first frame rotated by t times that
/// angle, computed from the first frame directly (no accumulated interpolation error). The first
/// frame lives on a larger periodic canvas; rotation samples it with wrap-around cubic
/// interpolation and only the centre `size x size` window is kept. The default canvas is large
/// enough that the rotated window never reaches past the canvas edge, so no wrapped (corner)
/// content enters a frame; smaller canvases are allowed and then wrap.
///
/// **Shift.** The same angle is read as a direction of motion: frame t is the first frame shifted
/// by t * `pixelsPerFrame` pixels along (cos angle, sin angle), with wrap-around cubic interpolation.
///
/// Videos are flattened frame after frame, each frame row-major: index `(t * size + y) * size + x`,
/// the order of `FrameVolume.copyBlock`.
public struct RandomDotVideos: Equatable, Sendable {
    /// How later frames follow from the first.
    public enum Transform: String, SettingChoice, Equatable, Sendable {
        /// Rotation about the frame's centre by t times the video's angle.
        case rotation
        /// Translation by t times a fixed distance in the video's direction.
        case shift
    }

    /// What the first frame's canvas holds.
    public enum Dots: Equatable, Sendable {
        /// Independent standard normal pixels.
        case gaussianNoise
        /// Pixels that are 1 with probability `density`, else 0.
        case sparseBinary(density: Float)
        /// Independent standard normal pixels blurred by a Gaussian of `sigma` pixels (wrapping
        /// around the canvas) and rescaled to unit variance: `PeriodicImage.gaussianSmoothed`.
        case smoothNoise(sigma: Double)
    }

    /// One video's motion parameters.
    public struct Motion: Equatable, Sendable {
        /// Rotation per frame (rotation) or direction of motion (shift), in degrees, in (-180, 180].
        public let angleDegrees: Double
        /// Where the motion starts: the first frame is already rotated by this many degrees
        /// (rotation) or shifted by this fraction of a pixel along the motion (shift). A random start
        /// makes every frame, the first included, an interpolated one, so all frames share one
        /// spectrum (an un-interpolated first frame is sharper than the rest and its filters noisier).
        public let startOffset: Double
        /// The sign of the angle: +1 (towards +y, clockwise as displayed) or -1.
        public var direction: Int { angleDegrees >= 0 ? 1 : -1 }

        /// A motion of `angleDegrees` per frame, starting at `startOffset`.
        public init(angleDegrees: Double, startOffset: Double = 0) {
            self.angleDegrees = angleDegrees
            self.startOffset = startOffset
        }
    }

    /// Frames per video.
    public let frames: Int
    /// Frame side in pixels (the centre window kept from the canvas).
    public let size: Int
    /// Side of the periodic canvas the first frame is drawn on.
    public let canvasSize: Int
    /// Rotation or shift.
    public let transform: Transform
    /// The first frame's content.
    public let dots: Dots
    /// Concentration of the von Mises distribution of the angles.
    public let kappa: Double
    /// Distance moved per frame by the shift transform, in pixels.
    public let pixelsPerFrame: Double

    /// Generator settings, checked: at least one frame, a positive size, a canvas at least as large
    /// as the frames (default `cornerFreeCanvasSize(for: size)`), a density in (0, 1], a positive
    /// smoothing sigma, kappa >= 0. The default first frame is noise smoothed by a 1-pixel Gaussian:
    /// its rotations are smooth enough for smooth learned filters (white noise makes even the
    /// principal components of the videos rough).
    public init(frames: Int = 10, size: Int = 16, canvasSize: Int? = nil, transform: Transform = .rotation,
                dots: Dots = .smoothNoise(sigma: 1), kappa: Double = 1, pixelsPerFrame: Double = 1) throws(SettingError) {
        guard frames >= 1 else { throw SettingError(setting: "frames", reason: "must be at least 1, got \(frames)") }
        guard size >= 1 else { throw SettingError(setting: "size", reason: "must be positive, got \(size)") }
        let canvas = canvasSize ?? Self.cornerFreeCanvasSize(for: size)
        guard canvas >= size else {
            throw SettingError(setting: "canvasSize", reason: "must be at least the \(size)-pixel frame size, got \(canvas)")
        }
        switch dots {
        case let .sparseBinary(density) where !(density > 0 && density <= 1):
            throw SettingError(setting: "dotDensity", reason: "must lie in (0, 1], got \(density)")
        case let .smoothNoise(sigma) where !(sigma > 0 && sigma.isFinite):
            throw SettingError(setting: "dotSmoothing", reason: "must be positive and finite, got \(sigma)")
        default: break
        }
        guard kappa >= 0, kappa.isFinite else { throw SettingError(setting: "kappa", reason: "must be finite and at least 0, got \(kappa)") }
        guard pixelsPerFrame.isFinite else { throw SettingError(setting: "pixelsPerFrame", reason: "must be finite, got \(pixelsPerFrame)") }
        self.frames = frames
        self.size = size
        self.canvasSize = canvas
        self.transform = transform
        self.dots = dots
        self.kappa = kappa
        self.pixelsPerFrame = pixelsPerFrame
    }

    /// The smallest canvas whose centre `size` window, rotated by any angle, stays clear of the
    /// canvas edge including the cubic kernel's reach: `ceil(size * sqrt 2) + 4`, made the same
    /// parity as `size` so the window sits exactly in the middle.
    public static func cornerFreeCanvasSize(for size: Int) -> Int {
        let canvas = Int((Double(size) * 2.0.squareRoot()).rounded(.up)) + 4
        return (canvas - size) % 2 == 0 ? canvas : canvas + 1
    }

    /// Values per video: `frames * size * size`.
    public var videoDimension: Int { frames * size * size }

    /// A motion drawn from the von Mises distribution (mean 0, `kappa`), in degrees, with a uniform
    /// random start (0 to 360 degrees for rotation, 0 to 1 pixel for shift).
    public func drawMotion(using rng: inout SeededRandom) -> Motion {
        let angle = rng.vonMises(mu: 0, kappa: kappa) * 180 / .pi
        return Motion(angleDegrees: angle, startOffset: Double(rng.uniform()) * (transform == .rotation ? 360 : 1))
    }

    /// A random first-frame canvas of `canvasSize x canvasSize` pixels.
    public func randomFirstFrame(using rng: inout SeededRandom) -> PeriodicImage {
        let count = canvasSize * canvasSize
        let pixels: [Float]
        switch dots {
        case .gaussianNoise: pixels = (0..<count).map { _ in rng.normal() }
        case let .sparseBinary(density): pixels = (0..<count).map { _ in rng.uniform() < density ? 1 : 0 }
        case let .smoothNoise(sigma):
            return PeriodicImage(height: canvasSize, width: canvasSize, pixels: (0..<count).map { _ in rng.normal() })
                .gaussianSmoothed(sigma: sigma)
        }
        return PeriodicImage(height: canvasSize, width: canvasSize, pixels: pixels)
    }

    /// The video whose frame t is the centre window of `firstFrame` moved to `motion`'s start and
    /// then transformed t times by `motion`.
    public func video(from firstFrame: PeriodicImage, motion: Motion) -> [Float] {
        precondition(firstFrame.height >= size && firstFrame.width >= size, "the first frame is smaller than the \(size)-pixel frames")
        let radians = motion.angleDegrees * .pi / 180
        return (0..<frames).flatMap { t -> [Float] in
            let steps = Double(t)
            switch transform {
            case .rotation:
                return firstFrame.rotatedCentreWindow(size: size, degrees: motion.startOffset + steps * motion.angleDegrees)
            case .shift:
                let distance = motion.startOffset + steps * pixelsPerFrame
                return firstFrame.shiftedCentreWindow(size: size, dx: distance * cos(radians), dy: distance * sin(radians))
            }
        }
    }

    /// `count` videos as the rows of a `count x videoDimension` matrix, with their motions.
    public func generate(count: Int, using rng: inout SeededRandom) -> (videos: Matrix, motions: [Motion]) {
        precondition(count >= 0, "cannot generate \(count) videos")
        var videos = Matrix(rows: count, cols: videoDimension)
        var motions: [Motion] = []
        motions.reserveCapacity(count)
        for v in 0..<count {
            let first = randomFirstFrame(using: &rng)
            let motion = drawMotion(using: &rng)
            let frames = video(from: first, motion: motion)
            videos.storage.replaceSubrange((v * videoDimension)..<((v + 1) * videoDimension), with: frames)
            motions.append(motion)
        }
        return (videos, motions)
    }
}
