import CFFmpeg
import Foundation

/// Writes gray frames as an animated GIF with FFmpeg's `gif` encoder and muxer: a 256-level gray
/// palette (so 8-bit gray round-trips), each frame shown for `frameDelay` hundredths of a second,
/// looping forever. The file appears atomically when `finish()` returns; `encode` makes the same
/// bytes in memory.
public final class GIFWriter: GrayFrameSink {
    /// The destination file.
    public var path: String { muxer.path }
    /// Width of the frames the writer takes.
    public var width: Int { muxer.width }
    /// Height of the frames the writer takes.
    public var height: Int { muxer.height }
    /// Frames appended so far.
    public private(set) var framesWritten = 0
    /// How long each frame shows, in hundredths of a second (GIF's unit).
    public let frameDelay: Int
    private let muxer: GrayEncodingMuxer

    /// A writer for `width x height` gray frames, each shown for `frameDelay` hundredths of a second.
    public init(path: String, width: Int, height: Int, frameDelay: Int = 10) throws {
        precondition(frameDelay > 0, "frame delay must be positive, got \(frameDelay)")
        self.frameDelay = frameDelay
        muxer = try GrayEncodingMuxer(path: path, formatName: "gif", encoderName: "gif", width: width, height: height,
                                      timeBase: AVRational(num: 1, den: 100), muxerOptions: ["loop": "0"])
    }

    /// Appends one frame of `width * height` gray pixels, row-major.
    public func append(_ pixels: UnsafeBufferPointer<UInt8>) throws {
        try muxer.append(pixels, timestamp: Int64(framesWritten * frameDelay))
        framesWritten += 1
    }

    /// Completes the file and moves it into place.
    public func finish() throws { try muxer.finish() }

    /// The GIF file of `frames` (all of one size, each shown `frameDelay` hundredths of a second,
    /// looping forever) as bytes, written nowhere.
    public static func encode(_ frames: [GrayFrame], frameDelay: Int = 10) throws -> Data {
        precondition(!frames.isEmpty, "a GIF needs at least one frame")
        precondition(frameDelay > 0, "frame delay must be positive, got \(frameDelay)")
        let (width, height) = (frames[0].width, frames[0].height)
        let muxer = try GrayEncodingMuxer(path: "in-memory GIF", formatName: "gif", encoderName: "gif", width: width, height: height,
                                          timeBase: AVRational(num: 1, den: 100), muxerOptions: ["loop": "0"], inMemory: true)
        for (i, frame) in frames.enumerated() {
            precondition(frame.width == width && frame.height == height, "GIF frames must all be \(width)x\(height)")
            try frame.pixels.withUnsafeBufferPointer { try muxer.append($0, timestamp: Int64(i * frameDelay)) }
        }
        try muxer.finish()
        return muxer.encoded!
    }
}
