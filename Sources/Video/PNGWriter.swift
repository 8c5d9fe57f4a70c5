import CFFmpeg
import Foundation

/// Writes one gray picture as an 8-bit grayscale PNG through FFmpeg's `png` encoder, atomically,
/// or encodes it in memory (the bytes of the same file, for pictures embedded in a page).
public enum PNGWriter {
    /// Writes `frame` to `path` (temporary sibling, then rename).
    public static func write(_ frame: GrayFrame, to path: String) throws {
        let muxer = try GrayEncodingMuxer(path: path, formatName: "image2", encoderName: "png",
                                          width: frame.width, height: frame.height,
                                          timeBase: AVRational(num: 1, den: 1), muxerOptions: ["update": "1"])
        try frame.pixels.withUnsafeBufferPointer { try muxer.append($0, timestamp: 0) }
        try muxer.finish()
    }

    /// The PNG file of `frame` as bytes, written nowhere.
    public static func encode(_ frame: GrayFrame) throws -> Data {
        let muxer = try GrayEncodingMuxer(path: "in-memory PNG", formatName: "image2pipe", encoderName: "png",
                                          width: frame.width, height: frame.height,
                                          timeBase: AVRational(num: 1, den: 1), inMemory: true)
        try frame.pixels.withUnsafeBufferPointer { try muxer.append($0, timestamp: 0) }
        try muxer.finish()
        return muxer.encoded!
    }
}
