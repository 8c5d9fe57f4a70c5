import Foundation
import Testing
import Video

/// The decoder must deliver exactly the frames and gray values of the ffmpeg CLI's reference output.
@Suite("Decoding matches the ffmpeg CLI")
struct DecoderMatchesCLITests {
    @Test("every shared real clip", .enabled(if: TestFiles.haveSharedVideos, "../shared/data/videos is absent"),
          .enabled(if: TestFiles.ffmpeg != nil, "no ffmpeg CLI on PATH"),
          arguments: TestFiles.videos(in: TestFiles.sharedVideos))
    func sharedClip(_ file: URL) throws {
        try expectMatchesCLI(file)
    }

    private func expectMatchesCLI(_ file: URL) throws {
        let probe = VideoProbe.probe(path: file.path)
        #expect(probe.error == nil, "\(probe.error.map(String.init(describing:)) ?? "")")
        let width = try #require(probe.width), height = try #require(probe.height)
        let reference = try FFmpegReference(decoding: file, frameBytes: width * height, ffmpeg: #require(TestFiles.ffmpeg))
        #expect(probe.frames == reference.frames, "\(file.lastPathComponent): frame count")
        #expect(probe.graySum == reference.graySum, "\(file.lastPathComponent): gray sum")
    }
}
