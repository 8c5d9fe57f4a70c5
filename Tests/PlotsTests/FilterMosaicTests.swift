import Linalg
import Plots
import Testing
import Video
@testable import Plots

@Suite struct FilterMosaicTests {
    /// Three filters of 2 frames of 2 x 2: a ramp, its negative, and zeros.
    let filters = Matrix(rowArrays: [[1, 2, 3, 4, -1, -2, -3, -4], [-1, -2, -3, -4, 1, 2, 3, 4], [Float](repeating: 0, count: 8)])

    @Test func stillLaysFramesSideBySideEachFilterAtItsOwnContrast() {
        let still = FilterMosaic(filters: filters, frames: 2, height: 2, width: 2, zoom: 1).still(stripsPerRow: 2)
        // Strips 2 * 2 + 1 = 5 wide; two per row with a 4 px gap; two rows of 2 px with a 4 px gap.
        #expect(still.width == 14 && still.height == 8)
        #expect(still.pixels[2] == 255 && still.pixels[5] == 255)          // the gaps between frames and strips
        #expect(still.pixels[0 * 14 + 1] == 128 + 64 && still.pixels[1 * 14 + 1] == 255)   // 2/4 of the peak; 4 is the peak
        #expect(still.pixels[1 * 14 + 4] == 1)                                            // -4: the negative peak
        #expect(still.pixels[6 * 14 + 0] == 128)                                          // the zero filter is mid-gray
    }

    @Test func animationShowsFrameTOfEveryFilter() {
        let frames = FilterMosaic(filters: filters, frames: 2, height: 2, width: 2, zoom: 3).animation(tilesPerRow: 3)
        #expect(frames.count == 2)
        #expect(frames.allSatisfy { $0.width == 3 * (3 * 2 + 2 * 2) && $0.height == 3 * 2 })
        #expect(frames[0].pixels[0] == 128 + 32 && frames[1].pixels[0] == 128 - 32)
    }

    @Test func framesMayBeWiderThanTall() {
        // One filter of 2 frames of 1 x 3: the strip is 3 + 1 + 3 = 7 pixels wide and 1 high.
        let still = FilterMosaic(filters: Matrix(rowArrays: [[1, 0, -1, 2, 0, -2]]), frames: 2, height: 1, width: 3, zoom: 1).still()
        #expect(still.width == 7 && still.height == 1)
        #expect(still.pixels == [192, 128, 65, 255, 255, 128, 1])
    }
}
