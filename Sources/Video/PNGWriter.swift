import CFFmpeg

/// Writes one gray picture as an 8-bit grayscale PNG through FFmpeg's `png` encoder, atomically.
public enum PNGWriter {
    /// Writes `frame` to `path` (temporary sibling, then rename).
    public static func write(_ frame: GrayFrame, to path: String) throws {
        let muxer = try GrayEncodingMuxer(path: path, formatName: "image2", encoderName: "png",
                                          width: frame.width, height: frame.height,
                                          timeBase: AVRational(num: 1, den: 1), muxerOptions: ["update": "1"])
        try frame.pixels.withUnsafeBufferPointer { try muxer.append($0, timestamp: 0) }
        try muxer.finish()
    }
}
