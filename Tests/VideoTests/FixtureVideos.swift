import Foundation
import Testing
import TestSupport
import Video

/// The project's own tiny fixture videos in `Fixtures/videos`, made by its own `VideoWriter`
/// (mpeg4 in AVI) from the synthetic pictures below. To regenerate them after changing this file:
///
///     ZAE_REGENERATE_FIXTURES=1 swift test --filter VideoTests.FixtureVideos
enum FixtureVideos {
    /// Frames per fixture clip.
    static let frameCount = 24

    /// The fixtures: file name, size and the picture of frame `t`.
    static let all: [(name: String, width: Int, height: Int, picture: @Sendable (Int, Int, Int) -> GrayFrame)] = [
        ("moving-gradient-64x48.avi", 64, 48, movingGradient),
        ("moving-dots-96x64.avi", 96, 64, movingDots),
    ]

    /// A smooth diagonal wave drifting one period over the clip.
    static func movingGradient(width: Int, height: Int, t: Int) -> GrayFrame {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let phase = 2 * Double.pi * (Double(x + y) / 32 + Double(t) / Double(frameCount))
                pixels[y * width + x] = UInt8(128 + 100 * sin(phase))
            }
        }
        return GrayFrame(width: width, height: height, pixels: pixels)
    }

    /// Six bright square dots on a dark background, each moving with its own velocity, wrapping around.
    static func movingDots(width: Int, height: Int, t: Int) -> GrayFrame {
        var pixels = [UInt8](repeating: 24, count: width * height)
        for dot in 0..<6 {
            let centreX = (7 + dot * 17 + t * (dot - 2)) % width, centreY = (5 + dot * 11 + t * (3 - dot % 4)) % height
            for dy in -3...3 {
                for dx in -3...3 {
                    let x = (centreX + dx + width) % width, y = (centreY + dy + height) % height
                    pixels[y * width + x] = 230
                }
            }
        }
        return GrayFrame(width: width, height: height, pixels: pixels)
    }

    /// Writes the fixture clips into `folder`.
    static func write(into folder: URL) throws {
        for fixture in all {
            let writer = try VideoWriter(path: folder.appendingPathComponent(fixture.name).path,
                                         width: fixture.width, height: fixture.height, framesPerSecond: 12, quality: 3)
            for t in 0..<frameCount { try writer.append(fixture.picture(fixture.width, fixture.height, t)) }
            try writer.finish()
        }
    }

    @Test("regenerate the committed fixtures",
          .enabled(if: ProcessInfo.processInfo.environment["ZAE_REGENERATE_FIXTURES"] == "1",
                   "set ZAE_REGENERATE_FIXTURES=1 to rewrite Fixtures/videos"))
    static func regenerate() throws {
        try write(into: TestPaths.fixtureVideos)
    }
}
