import Foundation
import Testing
import Linalg
import TestSupport
import Video

/// Half size and the centred crop to multiples of 16: the pipeline's frames.
@Suite("Half size and crop")
struct FrameShapeTests {
    @Test("528x224 becomes 264x112, then 256x112 centred")
    func hollywoodSize() {
        let layout = FrameShape.pipeline.layout(width: 528, height: 224)
        #expect(Self.numbers(layout) == [264, 112, 4, 0, 256, 112])
    }

    @Test("odd sizes round down; native shape keeps everything")
    func oddAndNative() {
        #expect(FrameShape.pipeline.layout(width: 641, height: 481).width == 320)
        #expect(FrameShape.pipeline.layout(width: 641, height: 481).height == 240)
        let native = FrameShape.native.layout(width: 641, height: 481)
        #expect(native.width == 641 && native.height == 481 && native.cropX == 0 && native.cropY == 0)
    }

    @Test("the decoder delivers pipeline frames: 64x48 fixture becomes 32x16, the centre rows")
    func decodedPipelineFrames() throws {
        let path = TestPaths.fixtureVideos.appendingPathComponent("moving-gradient-64x48.avi").path
        let decoder = try VideoDecoder(path: path, options: .init(shape: .pipeline))
        #expect(Self.numbers(decoder.layout) == [32, 24, 0, 4, 32, 16])
        let halved = try #require(try VideoDecoder(path: path, options: .init(shape: FrameShape(scale: .half))).nextFrame())
        let cropped = try #require(try decoder.nextFrame())
        #expect(cropped.width == 32 && cropped.height == 16)
        #expect(Array(cropped.pixels) == Array(halved.pixels[(4 * 32)..<(20 * 32)]))
    }

    @Test("half size averages: a flat frame stays flat")
    func flatFrameStaysFlat() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("flat.png").path
        try PNGWriter.write(GrayFrame(width: 40, height: 36, pixels: [UInt8](repeating: 77, count: 40 * 36)), to: path)
        let frame = try #require(try VideoDecoder(path: path, options: .init(shape: FrameShape(scale: .half))).nextFrame())
        #expect(frame.width == 20 && frame.height == 18)
        #expect(frame.pixels.allSatisfy { $0 == 77 })
    }

    @Test("the Hollywood2 clip decodes to 256x112 pipeline frames",
          .enabled(if: TestPaths.haveSharedVideos, "../shared/data/videos is absent"))
    func hollywoodClip() throws {
        let path = TestPaths.sharedVideos.appendingPathComponent("hollywood2_actioncliptrain00001_mpeg4.avi").path
        let volume = try FrameVolume(decoding: path, maxFrames: 10)
        #expect(volume.frameCount == 10 && volume.height == 112 && volume.width == 256)
    }

    @Test("a whole fixture loads as a FrameVolume of 0...255 values; maxFrames stops early")
    func frameVolume() throws {
        let path = TestPaths.fixtureVideos.appendingPathComponent("moving-dots-96x64.avi").path
        let volume = try FrameVolume(decoding: path)
        #expect(volume.frameCount == FixtureVideos.frameCount && volume.height == 32 && volume.width == 48)
        #expect(volume.voxels.allSatisfy { (0...255).contains($0) && $0 == $0.rounded() })
        #expect(volume.voxels.max()! > 150 && volume.voxels.min()! < 60)
        #expect(try FrameVolume(decoding: path, maxFrames: 5).frameCount == 5)
        #expect(try FrameVolume(decoding: path, maxFrames: 5).voxels == Array(volume.voxels.prefix(5 * 32 * 48)))
    }

    /// Scaled size, crop corner, output size.
    private static func numbers(_ layout: FrameLayout) -> [Int] {
        [layout.scaledWidth, layout.scaledHeight, layout.cropX, layout.cropY, layout.width, layout.height]
    }
}
