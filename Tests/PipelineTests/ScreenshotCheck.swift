import Foundation
import Video

/// What a browser screenshot shows, decoded with the project's own decoder: enough to tell a page
/// that drew something from a blank one.
struct ScreenshotCheck {
    /// The screenshot in gray.
    let frame: GrayFrame

    /// Decodes the PNG at `url`.
    init(_ url: URL) throws {
        let decoder = try VideoDecoder(path: url.path)
        guard let frame = try decoder.nextFrame() else { throw VideoError.unreadable(path: url.path, reason: "no picture in the screenshot") }
        self.frame = frame
    }

    /// The share of pixels that differ from the most common gray level (the background).
    var inkFraction: Double {
        var counts = [Int](repeating: 0, count: 256)
        for p in frame.pixels { counts[Int(p)] += 1 }
        return 1 - Double(counts.max()!) / Double(frame.pixels.count)
    }

    /// How many gray levels occur.
    var levels: Int { Set(frame.pixels).count }
}
