import Bench
import Testing
import TestSupport
import Video

/// The built-in benchmarks measure what they say (their speeds are numbers to read, never asserted).
@Suite("Benchmarks")
struct BenchTests {
    @Test("the decode benchmark decodes every frame the decoder gives")
    func decodeCountsEveryFrame() throws {
        let clip = TestPaths.fixtureVideos.appendingPathComponent("moving-dots-96x64.avi")
        let result = try DecodeBenchmark.run(path: clip.path)
        #expect(result.frames == (try FrameVolume(decoding: clip.path)).frameCount)
        #expect(result.frames > 0)
    }
}
