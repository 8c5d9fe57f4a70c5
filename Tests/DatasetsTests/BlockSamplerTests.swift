import Foundation
import Linalg
import Testing
import Video
@testable import Datasets

/// A volume whose voxel (t, y, x) holds t * 10000 + y * 100 + x plus `tag` * 1e6, so that a block
/// tells where it came from.
func codedVolume(frames: Int, height: Int, width: Int, tag: Int) -> FrameVolume {
    var v = FrameVolume(frameCount: frames, height: height, width: width)
    for t in 0..<frames { for y in 0..<height { for x in 0..<width { v[t, y, x] = Float(tag * 1_000_000 + t * 10_000 + y * 100 + x) } } }
    return v
}

struct LoadFailure: Error, CustomStringConvertible { var description: String { "cannot decode" } }

@Suite("Block sampling and preprocessing")
struct BlockSamplerTests {
    let shape = BlockShape(frames: 3, height: 4, width: 5)

    func loader(_ url: URL) throws -> FrameVolume {
        switch url.lastPathComponent {
        case "bad": throw LoadFailure()
        case "short": return codedVolume(frames: 2, height: 20, width: 20, tag: 9)
        default: return codedVolume(frames: 12, height: 10, width: 11, tag: Int(url.lastPathComponent)!)
        }
    }

    @Test("blocks are contiguous (t, y, x) cuts, spread evenly, bad clips skipped and named")
    func samplesBlocks() {
        let clips = ["1", "bad", "2", "short", "3"].map { URL(fileURLWithPath: "/clips/\($0)") }
        let sampler = BlockSampler(shape: shape, count: 30, seed: 4)
        let sample = sampler.sample(clips: clips, load: { try self.loader($0) })
        #expect(sample.clipsUsed == 3)
        #expect(sample.skipped.map(\.item) == ["/clips/bad", "/clips/short"])
        #expect(sample.skipped[0].reason.contains("cannot decode"))
        #expect(sample.skipped[1].reason.contains("smaller than one 3 x 4 x 5 block"))
        #expect(sample.blocks.rows == 18)   // quota ceil(30 / 5) = 6 for each of 3 usable clips
        var perClip: [Int: Int] = [:]
        for r in 0..<sample.blocks.rows {
            let row = sample.blocks.row(r)
            let origin = Int(row[0])
            perClip[origin / 1_000_000, default: 0] += 1
            for t in 0..<3 { for y in 0..<4 { for x in 0..<5 {
                #expect(Int(row[(t * 4 + y) * 5 + x]) == origin + t * 10_000 + y * 100 + x)
            } } }
        }
        #expect(perClip == [1: 6, 2: 6, 3: 6])
    }

    @Test("same seed, same blocks; another seed, other blocks")
    func deterministic() {
        let clips = ["1", "2"].map { URL(fileURLWithPath: "/clips/\($0)") }
        let a = BlockSampler(shape: shape, count: 10, seed: 1).sample(clips: clips, load: { try self.loader($0) })
        let b = BlockSampler(shape: shape, count: 10, seed: 1).sample(clips: clips, load: { try self.loader($0) })
        let c = BlockSampler(shape: shape, count: 10, seed: 2).sample(clips: clips, load: { try self.loader($0) })
        #expect(a.blocks == b.blocks)
        #expect(a.blocks != c.blocks)
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
