/// What the decoder sees in one file: its codec, native size, the frames it decodes, the frame rate
/// and the sum of all gray pixel values at native size (the number to compare with the ffmpeg CLI's
/// raw gray output). A file that fails carries its error and leaves unknown fields nil.
///
/// Encodes to JSON with the keys `path`, `codec`, `width`, `height`, `frames`, `fps`, `gray_sum`
/// and `error`, every key present (null where unknown; `error` null where the file worked).
public struct VideoProbe: Sendable, Equatable, Encodable {
    /// The file probed, as given.
    public var path: String
    /// FFmpeg's codec name of the video stream.
    public var codec: String?
    /// Native frame width.
    public var width: Int?
    /// Native frame height.
    public var height: Int?
    /// Frames decoded (frame-exact).
    public var frames: Int?
    /// The stream's average frame rate, or its base rate where no average is recorded.
    public var fps: Double?
    /// Sum of every gray pixel value of every frame at native size.
    public var graySum: Int?
    /// Why the file failed, nil where it worked.
    public var error: VideoError?

    /// Decodes the whole of `path` at native size and reports what it saw; never throws (a failure
    /// is recorded in `error`, with whatever was known before it).
    public static func probe(path: String, threadCount: Int = 1) -> VideoProbe {
        var report = VideoProbe(path: path)
        do {
            let decoder = try VideoDecoder(path: path, options: .init(shape: .native, threadCount: threadCount))
            report.codec = decoder.codecName
            report.width = decoder.width
            report.height = decoder.height
            report.fps = decoder.averageFrameRate > 0 ? decoder.averageFrameRate : decoder.baseFrameRate
            var pixels: [UInt8] = []
            var sum = 0
            while try decoder.readFrame(into: &pixels) { sum += GraySum.of(pixels) }
            report.frames = decoder.framesDecoded
            report.graySum = sum
        } catch let error as VideoError {
            report.error = error
        } catch {
            report.error = .ffmpeg(path: path, operation: "probe", reason: "\(error)")
        }
        return report
    }

    /// Probes each file in turn; a failing file is reported in its entry and does not stop the others.
    public static func probe(paths: [String], threadCount: Int = 1) -> [VideoProbe] {
        paths.map { probe(path: $0, threadCount: threadCount) }
    }

    private enum CodingKeys: String, CodingKey {
        case path, codec, width, height, frames, fps, graySum = "gray_sum", error
    }

    /// Writes every key, with null for unknown values and the error as its one-line description.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(codec, forKey: .codec)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(frames, forKey: .frames)
        try container.encode(fps, forKey: .fps)
        try container.encode(graySum, forKey: .graySum)
        try container.encode(error?.description, forKey: .error)
    }
}
