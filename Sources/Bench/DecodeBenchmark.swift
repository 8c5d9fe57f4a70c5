import Support
import Video

/// How fast the decoder turned one clip into gray frames, as `zae-video bench decode` reports it.
public struct DecodeBenchmark: Sendable, Equatable {
    /// Frames decoded.
    public let frames: Int
    /// Wall-clock seconds, opening the file included.
    public let seconds: Double
    /// Frames per second.
    public var framesPerSecond: Double { seconds > 0 ? Double(frames) / seconds : 0 }

    /// Decodes the whole of `path` to gray at native size (what `ffmpeg -i CLIP -fps_mode
    /// passthrough -pix_fmt gray -f null -` does) and times it.
    /// The thread count defaults to the decoder's own default; 0 mimics the CLI's automatic threads.
    public static func run(path: String, threadCount: Int = VideoDecoder.Options().threadCount) throws -> DecodeBenchmark {
        let stopwatch = Stopwatch()
        let decoder = try VideoDecoder(path: path, options: .init(shape: .native, threadCount: threadCount))
        var pixels: [UInt8] = []
        while try decoder.readFrame(into: &pixels) {}
        return DecodeBenchmark(frames: decoder.framesDecoded, seconds: stopwatch.seconds)
    }
}
