import Video

/// Every frame of a picture or animation the project wrote (PNG, GIF), decoded by FFmpeg.
func decodedFrames(_ path: String) throws -> [GrayFrame] {
    let decoder = try VideoDecoder(path: path)
    var frames: [GrayFrame] = []
    while let frame = try decoder.nextFrame() { frames.append(frame) }
    return frames
}
