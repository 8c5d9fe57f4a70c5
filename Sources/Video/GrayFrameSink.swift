/// A destination for a sequence of equally sized gray frames, such as a video or GIF file.
public protocol GrayFrameSink: AnyObject {
    /// Width of the frames the sink takes.
    var width: Int { get }
    /// Height of the frames the sink takes.
    var height: Int { get }
    /// Appends one frame of `width * height` gray pixels, row-major.
    func append(_ pixels: UnsafeBufferPointer<UInt8>) throws
    /// Completes the output; nothing may be appended afterwards.
    func finish() throws
}

extension GrayFrameSink {
    /// Appends one frame, which must have the sink's size.
    public func append(_ frame: GrayFrame) throws {
        precondition(frame.width == width && frame.height == height,
                     "sink takes \(width)x\(height) frames, got \(frame.width)x\(frame.height)")
        try frame.pixels.withUnsafeBufferPointer { try append($0) }
    }
}
