import CFFmpeg

/// Writes gray frames as a video file with one of FFmpeg's encoders: by default an MPEG-4 Part 2
/// stream (`mpeg4`, frames converted to yuv420p) in the container the path's extension names
/// (`.avi`, `.mp4`, `.mkv`, ...), at a constant frame rate and a fixed quantiser.
///
/// The file appears atomically when `finish()` returns; until then it is a hidden temporary
/// sibling, deleted if the writer is dropped unfinished.
public final class VideoWriter: GrayFrameSink {
    /// The destination file.
    public var path: String { muxer.path }
    /// Width of the frames the writer takes.
    public var width: Int { muxer.width }
    /// Height of the frames the writer takes.
    public var height: Int { muxer.height }
    /// Frames appended so far.
    public private(set) var framesWritten = 0
    private let muxer: GrayEncodingMuxer

    /// A writer for `width x height` gray frames shown at `framesPerSecond`. `quality` is the fixed
    /// quantiser scale (`-q:v`: 1 best ... 31 worst), `encoder` an FFmpeg encoder name.
    public init(path: String, width: Int, height: Int, framesPerSecond: Double = 25, quality: Int = 3,
                encoder: String = "mpeg4") throws {
        precondition(framesPerSecond > 0, "frame rate must be positive, got \(framesPerSecond)")
        precondition((1...31).contains(quality), "quality (quantiser scale) must be in 1...31, got \(quality)")
        let rate = av_d2q(framesPerSecond, 65535)
        muxer = try GrayEncodingMuxer(path: path, formatName: nil, encoderName: encoder, width: width, height: height,
                                      timeBase: AVRational(num: rate.den, den: rate.num)) { codec in
            codec.pointee.framerate = rate
            codec.pointee.flags |= AV_CODEC_FLAG_QSCALE
            codec.pointee.global_quality = FF_QP2LAMBDA * Int32(quality)
        }
    }

    /// Appends one frame of `width * height` gray pixels, row-major.
    public func append(_ pixels: UnsafeBufferPointer<UInt8>) throws {
        try muxer.append(pixels, timestamp: Int64(framesWritten))
        framesWritten += 1
    }

    /// Flushes the encoder, completes the file and moves it into place.
    public func finish() throws { try muxer.finish() }
}
