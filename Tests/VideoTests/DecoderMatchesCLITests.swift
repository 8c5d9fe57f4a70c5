import Foundation
import Testing
import TestSupport
import Video

/// The decoder must deliver exactly the frames and gray values of the ffmpeg CLI's reference output.
@Suite("Decoding matches the ffmpeg CLI")
struct DecoderMatchesCLITests {
    @Test("the project's fixtures", .enabled(if: TestPaths.ffmpeg != nil, "no ffmpeg CLI on PATH"),
          arguments: FixtureVideos.all.map { TestPaths.fixtureVideos.appendingPathComponent($0.name) })
    func fixture(_ file: URL) throws {
        try expectMatchesCLI(file)
        #expect(VideoProbe.probe(path: file.path).frames == FixtureVideos.frameCount)
    }

    @Test("every shared real clip", .enabled(if: TestPaths.haveSharedVideos, "../shared/data/videos is absent"),
          .enabled(if: TestPaths.ffmpeg != nil, "no ffmpeg CLI on PATH"),
          arguments: TestPaths.videos(in: TestPaths.sharedVideos))
    func sharedClip(_ file: URL) throws {
        try expectMatchesCLI(file)
    }

    @Test("tree.avi is variable frame rate: 68 frames, not the 449 a resampling decoder makes",
          .enabled(if: TestPaths.haveSharedVideos, "../shared/data/videos is absent"))
    func variableFrameRate() {
        #expect(VideoProbe.probe(path: TestPaths.sharedVideos.appendingPathComponent("tree.avi").path).frames == 68)
    }

    private func expectMatchesCLI(_ file: URL) throws {
        let probe = VideoProbe.probe(path: file.path)
        #expect(probe.error == nil, "\(probe.error.map(String.init(describing:)) ?? "")")
        let width = try #require(probe.width), height = try #require(probe.height)
        let reference = try FFmpegReference(decoding: file, frameBytes: width * height, ffmpeg: #require(TestPaths.ffmpeg))
        #expect(probe.frames == reference.frames, "\(file.lastPathComponent): frame count")
        #expect(probe.graySum == reference.graySum, "\(file.lastPathComponent): gray sum")
    }
}
