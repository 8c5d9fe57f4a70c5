import Foundation
import Linalg
import Support
import Testing
@testable import Datasets

/// A smooth pattern periodic on an `n x n` torus: a few low-frequency plane waves.
private struct PlaneWaves {
    let n: Int
    let waves: [(kx: Double, ky: Double, phase: Double)] = [(1, 0, 0.3), (0, 1, 1.1), (1, 1, 2.0), (2, -1, 0.7)]

    func value(x: Double, y: Double) -> Double {
        waves.reduce(0) { $0 + cos(2 * .pi * ($1.kx * x + $1.ky * y) / Double(n) + $1.phase) }
    }

    var image: PeriodicImage {
        PeriodicImage(height: n, width: n, pixels: (0..<(n * n)).map { Float(value(x: Double($0 % n), y: Double($0 / n))) })
    }
}

/// The largest absolute difference between `frame` (frame `t` of `video`) and `expected(x, y)`.
private func maxError(_ video: [Float], frame t: Int, size: Int, expected: (Int, Int) -> Double) -> Double {
    var worst = 0.0
    for y in 0..<size {
        for x in 0..<size { worst = max(worst, abs(Double(video[(t * size + y) * size + x]) - expected(x, y))) }
    }
    return worst
}

@Suite struct RandomDotVideosTests {
    @Test func interpolationIsExactAtPixelsAndWraps() {
        let image = PeriodicImage(height: 3, width: 4, pixels: (0..<12).map(Float.init))
        #expect(image.value(x: 2, y: 1) == 6)
        #expect(image.value(x: -1, y: 0) == 3)
        #expect(image.value(x: 4, y: 3) == 0)
    }

    @Test func everyFrameIsTheAnalyticRotationOfTheFirst() throws {
        let generator = try RandomDotVideos(frames: 10, size: 16)
        let pattern = PlaneWaves(n: generator.canvasSize)
        let motion = RandomDotVideos.Motion(angleDegrees: 37)
        let video = generator.video(from: pattern.image, motion: motion)
        #expect(video.count == generator.videoDimension)
        let origin = Double((generator.canvasSize - 16) / 2), centre = origin + 7.5
        var worst = 0.0
        for t in 0..<10 {
            let radians = Double(t) * 37 * .pi / 180
            worst = max(worst, maxError(video, frame: t, size: 16) { x, y in
                // Content at q moves to c + R(angle)(q - c): the frame at p shows the pattern at c + R(-angle)(p - c).
                let (dx, dy) = (origin + Double(x) - centre, origin + Double(y) - centre)
                return pattern.value(x: centre + cos(radians) * dx + sin(radians) * dy,
                                     y: centre - sin(radians) * dx + cos(radians) * dy)
            })
        }
        // The pattern's amplitude is up to 4; cubic interpolation of these waves errs by about 0.002.
        #expect(worst < 0.01, "largest deviation from the analytic rotation: \(worst)")
    }

    @Test func noiseFramesFollowFromTheirPredecessorByTheVideosAngle() throws {
        let generator = try RandomDotVideos(frames: 4, size: 16, dots: .gaussianNoise)
        var rng = SeededRandom(seed: 7)
        let (videos, motions) = generator.generate(count: 20, using: &rng)
        #expect(videos.rows == 20 && videos.cols == 4 * 256)
        // Inside a disk that rotation maps into the frame, rotate frame t by the angle (or by its
        // negative, the wrong way) and correlate with frame t + 1.
        let interior = (0..<256).filter { i in
            let (dx, dy) = (Double(i % 16) - 7.5, Double(i / 16) - 7.5)
            return (dx * dx + dy * dy).squareRoot() < 5.5
        }
        func correlation(_ a: [Float], _ b: [Float]) -> Double {
            let pa = interior.map { Double(a[$0]) }, pb = interior.map { Double(b[$0]) }
            let ma = pa.reduce(0, +) / Double(pa.count), mb = pb.reduce(0, +) / Double(pb.count)
            let cov = zip(pa, pb).reduce(0) { $0 + ($1.0 - ma) * ($1.1 - mb) }
            let va = pa.reduce(0) { $0 + ($1 - ma) * ($1 - ma) }, vb = pb.reduce(0) { $0 + ($1 - mb) * ($1 - mb) }
            return cov / (va * vb).squareRoot()
        }
        var right = 0.0, wrong = 0.0
        for v in 0..<20 {
            let row = videos.row(v)
            for t in 0..<3 {
                let frame = PeriodicImage(height: 16, width: 16, pixels: Array(row[(t * 256)..<((t + 1) * 256)]))
                let next = Array(row[((t + 1) * 256)..<((t + 2) * 256)])
                right += correlation(frame.rotatedCentreWindow(size: 16, degrees: motions[v].angleDegrees), next) / 60
                wrong += correlation(frame.rotatedCentreWindow(size: 16, degrees: -motions[v].angleDegrees), next) / 60
            }
        }
        #expect(right > 0.8, "mean correlation with the predecessor rotated by the angle: \(right)")
        #expect(wrong < 0.5, "mean correlation with the predecessor rotated the wrong way: \(wrong)")
    }

    @Test func anglesFollowVonMisesWithKappaOne() throws {
        let generator = try RandomDotVideos()
        var rng = SeededRandom(seed: 11)
        let angles = (0..<20_000).map { _ in generator.drawMotion(using: &rng) }
        let radians = angles.map { $0.angleDegrees * .pi / 180 }
        let meanCos = radians.map(cos).reduce(0, +) / 20_000
        let meanSin = radians.map(sin).reduce(0, +) / 20_000
        // E[cos] = I1(1) / I0(1) = 0.44639 for kappa 1; the standard error is about 0.005.
        #expect(abs(meanCos - 0.44639) < 0.02, "mean cosine \(meanCos)")
        #expect(abs(meanSin) < 0.02, "mean sine \(meanSin)")
        #expect(angles.allSatisfy { abs($0.angleDegrees) <= 180 })
        let clockwise = Double(angles.filter { $0.direction == 1 }.count) / 20_000
        #expect(abs(clockwise - 0.5) < 0.02)
        // Degrees, not radians: a good share of the angles exceed 90 degrees per frame.
        #expect(angles.filter { abs($0.angleDegrees) > 90 }.count > 4_000)
    }

    @Test func shiftMovesByWholePixelsExactly() throws {
        let generator = try RandomDotVideos(frames: 5, size: 8, canvasSize: 12, transform: .shift, dots: .sparseBinary(density: 0.3))
        var rng = SeededRandom(seed: 3)
        let first = generator.randomFirstFrame(using: &rng)
        #expect(first.pixels.allSatisfy { $0 == 0 || $0 == 1 })
        let video = generator.video(from: first, motion: .init(angleDegrees: 0))
        for t in 0..<5 {
            #expect(maxError(video, frame: t, size: 8) { x, y in Double(first.pixels[(2 + y) * 12 + (2 + x - t + 12) % 12]) } < 1e-6)
        }
        let down = generator.video(from: first, motion: .init(angleDegrees: 90))
        #expect(maxError(down, frame: 3, size: 8) { x, y in Double(first.pixels[((2 + y - 3 + 12) % 12) * 12 + 2 + x]) } < 1e-5)
    }

    @Test func shiftMatchesTheAnalyticTranslation() throws {
        let generator = try RandomDotVideos(frames: 6, size: 10, canvasSize: 20, transform: .shift, pixelsPerFrame: 0.7)
        let pattern = PlaneWaves(n: 20)
        let video = generator.video(from: pattern.image, motion: .init(angleDegrees: -30))
        let (vx, vy) = (0.7 * cos(-Double.pi / 6), 0.7 * sin(-Double.pi / 6))
        var worst = 0.0
        for t in 0..<6 {
            worst = max(worst, maxError(video, frame: t, size: 10) { x, y in
                pattern.value(x: Double(5 + x) - Double(t) * vx, y: Double(5 + y) - Double(t) * vy)
            })
        }
        #expect(worst < 0.02, "largest deviation from the analytic shift: \(worst)")
    }

    @Test func nonsenseSettingsAreRejected() {
        #expect(throws: SettingError(setting: "frames", reason: "must be at least 1, got 0")) {
            try RandomDotVideos(frames: 0)
        }
        #expect(throws: SettingError(setting: "canvasSize", reason: "must be at least the 16-pixel frame size, got 12")) {
            try RandomDotVideos(size: 16, canvasSize: 12)
        }
        #expect(throws: SettingError(setting: "dotDensity", reason: "must lie in (0, 1], got 0.0")) { try RandomDotVideos(dots: .sparseBinary(density: 0)) }
        #expect(throws: SettingError(setting: "kappa", reason: "must be finite and at least 0, got -1.0")) { try RandomDotVideos(kappa: -1) }
        #expect(RandomDotVideos.cornerFreeCanvasSize(for: 16) == 28)
    }
}

@Suite struct GaussianSmoothingTests {
    @Test func aSinglePixelSpreadsIntoTheScaledKernelWrappingAround() throws {
        // A 9 x 9 image with one 1 at (0, 0). By hand for sigma 1: k(d) = exp(-d^2 / 2) / sum over
        // |d| <= 3, the output at (x, y) is k(dx) k(dy) / sum_d k(d)^2 with dx, dy the wrapped offsets.
        var pixels = [Float](repeating: 0, count: 81)
        pixels[0] = 1
        let smoothed = PeriodicImage(height: 9, width: 9, pixels: pixels).gaussianSmoothed(sigma: 1)
        let raw = (-3...3).map { exp(-Double($0 * $0) / 2) }
        let k = raw.map { $0 / raw.reduce(0, +) }
        let scale = 1 / k.reduce(0) { $0 + $1 * $1 }
        func weight(_ d: Int) -> Double { abs(d) <= 3 ? k[d + 3] : 0 }
        for y in 0..<9 {
            for x in 0..<9 {
                let (dx, dy) = (x <= 4 ? x : x - 9, y <= 4 ? y : y - 9)
                #expect(abs(Double(smoothed.pixels[y * 9 + x]) - weight(dx) * weight(dy) * scale) < 1e-5, "pixel (\(x), \(y))")
            }
        }
    }

    @Test func smoothedNoiseKeepsUnitVariance() {
        var rng = SeededRandom(seed: 2)
        let noise = PeriodicImage(height: 128, width: 128, pixels: (0..<(128 * 128)).map { _ in rng.normal() })
        let values = noise.gaussianSmoothed(sigma: 1).pixels.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        // Smoothing correlates neighbours, so the estimate is noisier than for independent pixels.
        #expect(abs(variance - 1) < 0.1, "variance \(variance)")
    }
}
