import Foundation
import Video

/// A picture carried inside a page as a `data:` URI: PNG for stills, GIF for animations, encoded
/// in memory by FFmpeg's encoders (the same bytes `PNGWriter` and `GIFWriter` write to files).
public struct EmbeddedImage: Sendable, Equatable {
    /// The MIME type (`image/png`, `image/gif`).
    public let mimeType: String
    /// The file's bytes.
    public let bytes: Data
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int

    /// A PNG of `frame`.
    public static func png(_ frame: GrayFrame) throws -> EmbeddedImage {
        EmbeddedImage(mimeType: "image/png", bytes: try PNGWriter.encode(frame), width: frame.width, height: frame.height)
    }

    /// A looping GIF of `frames` (one size), each shown `frameDelay` hundredths of a second.
    public static func gif(_ frames: [GrayFrame], frameDelay: Int = 20) throws -> EmbeddedImage {
        EmbeddedImage(mimeType: "image/gif", bytes: try GIFWriter.encode(frames, frameDelay: frameDelay),
                      width: frames[0].width, height: frames[0].height)
    }

    /// `data:<type>;base64,<bytes>`.
    public var dataURI: String { "data:\(mimeType);base64,\(bytes.base64EncodedString())" }
}
