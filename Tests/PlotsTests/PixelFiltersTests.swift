import Foundation
import Linalg
import Testing
import TestSupport
import Video
@testable import Plots

@Suite struct PixelFiltersTests {
    /// The gray level a picture shows for value `v` of a filter whose largest magnitude is `peak`:
    /// mid-gray 128 for 0, 255 / 1 for +/- peak (the mapping `FilterMosaic` documents).
    static func gray(_ v: Float, peak: Float) -> UInt8 { UInt8((128 + 127 * v / peak).rounded()) }

    @Test func theArrayRoundTripsWithThePictures() throws {
        // 3 filters of 2 frames of 3 x 4 with distinct values of both signs.
        var random = SeededRandom(seed: 11)
        let (frames, height, width) = (2, 3, 4)
        let values = random.normalMatrix(rows: 3, cols: frames * height * width)
        let filters = PixelFilters(values: values, frames: frames, height: height, width: width, drawn: "test", total: 5)
        let folder = try ScratchFolder("pixel-filters").url
        defer { try? FileManager.default.removeItem(at: folder) }
        try filters.write(to: folder, stem: "filters")

        let array = try NPYArray(contentsOf: folder.appendingPathComponent("filters.npy"))
        #expect(array.shape == [3, frames, height, width])
        guard case let .float32(stored) = array.elements else { Issue.record("filters.npy is not float32"); return }
        #expect(stored == values.storage)

        // What every picture shows, recomputed from the array alone: pixel (y, x) of frame t of
        // filter f is stored[((f * frames + t) * height + y) * width + x].
        let peaks = (0..<3).map { f in stored[(f * frames * height * width)..<((f + 1) * frames * height * width)].map(abs).max()! }
        func expected(_ f: Int, _ t: Int, _ y: Int, _ x: Int) -> UInt8 {
            Self.gray(stored[((f * frames + t) * height + y) * width + x], peak: peaks[f])
        }
        let zoom = 2
        // The still: filters in a row of strips (4 per row, 4 px gaps), frames 1 px apart.
        let picture = try FrameVolume(decoding: folder.appendingPathComponent("filters.png").path, shape: .native)
        #expect(picture.frameCount == 1)
        let stripWidth = frames * width + frames - 1
        #expect(picture.width == zoom * (3 * stripWidth + 2 * 4) && picture.height == zoom * height)
        for f in 0..<3 {
            for t in 0..<frames {
                for y in 0..<height {
                    for x in 0..<width {
                        let (px, py) = (zoom * (f * (stripWidth + 4) + t * (width + 1) + x), zoom * y)
                        #expect(UInt8(picture[0, py, px]) == expected(f, t, y, x), "still f\(f) t\(t) y\(y) x\(x)")
                    }
                }
            }
        }
        // The animation: one picture per frame, the filters as tiles 2 px apart.
        let animation = try FrameVolume(decoding: folder.appendingPathComponent("filters.gif").path, shape: .native)
        #expect(animation.frameCount == frames)
        #expect(animation.width == zoom * (3 * width + 2 * 2) && animation.height == zoom * height)
        for t in 0..<animation.frameCount {
            for f in 0..<3 {
                for y in 0..<height {
                    for x in 0..<width {
                        let (px, py) = (zoom * (f * (width + 2) + x), zoom * y)
                        #expect(UInt8(animation[t, py, px]) == expected(f, t, y, x), "gif f\(f) t\(t) y\(y) x\(x)")
                    }
                }
            }
        }
    }
}
