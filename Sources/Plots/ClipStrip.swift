import Video

/// A clip at a glance: a few of its frames, spread evenly over it, side by side (white 2-pixel
/// gaps), each scaled down to `height` pixels high by averaging the source pixels it covers.
/// The clip is decoded with the project's decoder at half size, one frame at a time; only the
/// small copies are kept, so memory stays small whatever the clip's length.
public enum ClipStrip {
    /// The strip of `frames` frames of the video at `path`, `height` pixels high.
    public static func make(path: String, frames: Int = 4, height: Int = 48) throws -> GrayFrame {
        precondition(frames >= 1 && height >= 1, "a strip needs at least one frame of at least one pixel")
        let decoder = try VideoDecoder(path: path, options: .init(shape: FrameShape(scale: .half), acceptsDamagedStream: true))
        var small: [GrayFrame] = []
        while let frame = try decoder.nextFrame() { small.append(shrunk(frame, height: height)) }
        guard let first = small.first else { throw VideoError.unreadable(path: path, reason: "no frame decodes") }
        let chosen = (0..<min(frames, small.count)).map { small[($0 * 2 + 1) * small.count / (2 * min(frames, small.count))] }
        let width = chosen.count * first.width + (chosen.count - 1) * 2
        var pixels = [UInt8](repeating: 255, count: width * height)
        for (i, frame) in chosen.enumerated() {
            for y in 0..<height {
                let target = y * width + i * (first.width + 2)
                pixels.replaceSubrange(target..<(target + first.width), with: frame.pixels[(y * first.width)..<((y + 1) * first.width)])
            }
        }
        return GrayFrame(width: width, height: height, pixels: pixels)
    }

    /// `frame` scaled to `height` rows (aspect kept, at least one column): each output pixel the
    /// mean of the source pixels whose centres fall in its area.
    static func shrunk(_ frame: GrayFrame, height: Int) -> GrayFrame {
        let width = max(1, (frame.width * height + frame.height / 2) / frame.height)
        var sums = [Int](repeating: 0, count: width * height), counts = [Int](repeating: 0, count: width * height)
        for y in 0..<frame.height {
            let row = min(height - 1, y * height / frame.height) * width
            for x in 0..<frame.width {
                let cell = row + min(width - 1, x * width / frame.width)
                sums[cell] += Int(frame.pixels[y * frame.width + x])
                counts[cell] += 1
            }
        }
        return GrayFrame(width: width, height: height, pixels: zip(sums, counts).map { UInt8($1 > 0 ? ($0 + $1 / 2) / $1 : 255) })
    }
}
