import Foundation
import Linalg
import Testing
import Video
@testable import Datasets

/// An 8-bit volume whose voxel (t, y, x) holds its index `(t * height + y) * width + x`, so that a
/// block tells where it came from; clips differ in width (their tag), so a block also tells which clip.
func codedVolume(frames: Int, height: Int, width: Int) -> FrameVolume {
    FrameVolume(frameCount: frames, height: height, width: width, voxels: (0..<(frames * height * width)).map { Float($0) })
}

struct LoadFailure: Error, CustomStringConvertible { var description: String { "cannot decode" } }

@Suite("Block sampling and preprocessing")
struct BlockSamplerTests {
    let shape = BlockShape(frames: 3, height: 4, width: 5)

    /// Clips "1", "2", "3" are 4 x 6 x (6 + tag) volumes; "bad" fails; "short" has 2 frames.
    @Sendable func loader(_ url: URL) throws -> FrameVolume {
        switch url.lastPathComponent {
        case "bad": throw LoadFailure()
        case "short": return codedVolume(frames: 2, height: 20, width: 20)
        default: return codedVolume(frames: 4, height: 6, width: 6 + Int(url.lastPathComponent)!)
        }
    }

    /// Blocks per clip (found from the width of the clip each block came from), checking that every
    /// block is a contiguous (t, y, x) cut.
    func blocksPerClip(_ blocks: Matrix) -> [Int: Int] {
        var perClip: [Int: Int] = [:]
        for r in 0..<blocks.rows {
            let row = blocks.row(r).map { Int($0) }
            let width = row[5] - row[0], origin = row[0]
            perClip[width - 6, default: 0] += 1
            for t in 0..<3 {
                for y in 0..<4 {
                    for x in 0..<5 {
                        let expected = origin + (t * 6 + y) * width + x
                        #expect(row[(t * 4 + y) * 5 + x] == expected)
                    }
                }
            }
        }
        return perClip
    }

    @Test("blocks are contiguous (t, y, x) cuts spread evenly; bad clips are skipped, named, and their blocks taken from the others")
    func samplesBlocks() {
        let clips = ["1", "bad", "2", "short", "3"].map { URL(fileURLWithPath: "/clips/\($0)") }
        let sampler = BlockSampler(shape: shape, count: 30, seed: 4)
        let sample = sampler.sample(clips: clips, load: loader)
        #expect(sample.clipsUsed == 3)
        #expect(sample.skipped.map(\.item) == ["/clips/bad", "/clips/short"])
        #expect(sample.skipped[0].reason.contains("cannot decode"))
        #expect(sample.skipped[1].reason.contains("smaller than one 3 x 4 x 5 block"))
        // Quota ceil(30 / 5) = 6 each, then ceil(30 / 3) - 6 = 4 more from each clip that decoded.
        #expect(sample.blocks.blockCount == 30)
        #expect(blocksPerClip(sample.blocks.matrix) == [1: 10, 2: 10, 3: 10])
        // 2 x 3 x (tag + 2) positions per clip.
        #expect(sample.positions == 18 + 24 + 30)
    }

    @Test("the blocks a skipped clip owed continue the other clips' random samples")
    func redistributionContinuesTheSample() {
        let withBad = ["1", "bad", "2"].map { URL(fileURLWithPath: "/clips/\($0)") }
        let allGood = ["1", "3", "2"].map { URL(fileURLWithPath: "/clips/\($0)") }
        // 2 blocks per clip, then 1 more from each clip that decoded: rows 1a 1b 2a 2b 1c 2c.
        let redistributed = BlockSampler(shape: shape, count: 6, seed: 9).sample(clips: withBad, load: loader).blocks.matrix
        // With every clip good and 3 blocks each, clips 1 and 2 draw the same 3 positions: rows 1a 1b 1c 3a 3b 3c 2a 2b 2c.
        let reference = BlockSampler(shape: shape, count: 9, seed: 9).sample(clips: allGood, load: loader).blocks.matrix
        #expect(redistributed.rows == 6)
        #expect(redistributed.rows(at: [0, 1, 4]) == reference.rows(0..<3))
        #expect(redistributed.rows(at: [2, 3, 5]) == reference.rows(6..<9))
    }

    @Test("same seed, same blocks; another seed, other blocks")
    func deterministic() {
        let clips = ["1", "2"].map { URL(fileURLWithPath: "/clips/\($0)") }
        let a = BlockSampler(shape: shape, count: 10, seed: 1).sample(clips: clips, load: loader)
        let b = BlockSampler(shape: shape, count: 10, seed: 1).sample(clips: clips, load: loader)
        let c = BlockSampler(shape: shape, count: 10, seed: 2).sample(clips: clips, load: loader)
        #expect(a.blocks.matrix == b.blocks.matrix)
        #expect(a.blocks.matrix != c.blocks.matrix)
    }

    @Test("a volume that is not 8-bit gray levels is skipped with the value named")
    func refusesNonPixelValues() {
        let sample = BlockSampler(shape: shape, count: 4, seed: 1).sample(clips: [URL(fileURLWithPath: "/clips/odd")], load: { _ in
            FrameVolume(frameCount: 4, height: 6, width: 7, voxels: [Float](repeating: 0.5, count: 4 * 6 * 7))
        })
        #expect(sample.clipsUsed == 0 && sample.blocks.blockCount == 0)
        #expect(sample.skipped.first?.reason.contains("pixel value 0.5 is not an 8-bit gray level") == true)
    }

    @Test("DC removal zeroes each block's mean; contrast normalisation divides by sqrt(variance + 10)")
    func preprocessing() {
        var blocks = Matrix(rowArrays: [[1, 2, 3, 6], [10, 10, 10, 10]])
        BlockPreprocessing(removeDC: true).apply(to: &blocks)
        #expect(blocks.row(0) == [-2, -1, 0, 3])
        #expect(blocks.row(1) == [0, 0, 0, 0])
        var normalised = Matrix(rowArrays: [[1, 2, 3, 6]])
        BlockPreprocessing(removeDC: true, contrastNormalize: true).apply(to: &normalised)
        let scale = 1 / (Float(4 + 1 + 0 + 9) / 4 + 10).squareRoot()
        for (got, want) in zip(normalised.row(0), [-2, -1, 0, 3].map { Float($0) * scale }) { #expect(abs(got - want) < 1e-6) }
    }
}
