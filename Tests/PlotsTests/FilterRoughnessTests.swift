import Foundation
import Linalg
import Testing
@testable import Plots

@Suite struct FilterRoughnessTests {
    @Test func aHandComputedFrame() throws {
        // [[0, 1, 2], [0, 1, 2]]: mean 1, variance 4/6; the 4 horizontal steps are 1 each (mean 1),
        // the 3 vertical ones 0: roughness (1 / (2/3) + 0) / 2 = 0.75.
        let roughness = try #require(FilterRoughness.frame([0, 1, 2, 0, 1, 2], height: 2, width: 3))
        #expect(abs(roughness - 0.75) < 1e-12)
    }

    @Test func constantFramesHaveNoRoughness() {
        #expect(FilterRoughness.frame([3, 3, 3, 3], height: 2, width: 2) == nil)
        #expect(FilterRoughness.frame([1, 2, 3], height: 1, width: 3) == nil)
    }

    @Test func whiteNoiseIsAboutTwoAndAWholePlaneWaveOneMinusCosine() throws {
        var random = SeededRandom(seed: 3)
        let noise = (0..<(64 * 64)).map { _ in random.normal() }
        let noiseRoughness = try #require(FilterRoughness.frame(noise[...], height: 64, width: 64))
        #expect(abs(noiseRoughness - 2) < 0.1)
        // cos(2 pi x / 16), one whole period per row, variance 1/2: with c = 1 - cos(2 pi / 16) the 16
        // steps of a period (wrap-around included) sum to 16 c, the wrap-around step (x = 15 to 0) is
        // c^2 and not counted, so the 15 horizontal steps average (16 c - c^2) / 15; vertical steps
        // are 0. Roughness: ((16 c - c^2) / 15 / (1/2) + 0) / 2.
        let wave = (0..<(16 * 16)).map { Float(cos(2 * Double.pi * Double($0 % 16) / 16)) }
        let waveRoughness = try #require(FilterRoughness.frame(wave[...], height: 16, width: 16))
        let c = 1 - cos(2 * Double.pi / 16)
        #expect(abs(waveRoughness - (16 * c - c * c) / 15) < 1e-5)
    }

    @Test func theMedianIsOverEveryFrameOfEveryFilter() {
        // Two filters of 2 frames of 2 x 3: the ramp (0.75, above) twice, a zigzag (mean 1/3,
        // variance 2/9, horizontal steps all 1, vertical 0: (4.5 + 0) / 2 = 2.25) and a constant
        // frame that does not count: the median of 0.75, 0.75, 2.25 is 0.75.
        let ramp: [Float] = [0, 1, 2, 0, 1, 2], flat: [Float] = [5, 5, 5, 5, 5, 5], zigzag: [Float] = [0, 1, 0, 0, 1, 0]
        let filters = PixelFilters(values: Matrix(rowArrays: [ramp + zigzag, ramp + flat]), frames: 2, height: 2, width: 3,
                                   drawn: "test", total: 2)
        #expect(abs(FilterRoughness.median(of: filters) - 0.75) < 1e-12)
    }
}
