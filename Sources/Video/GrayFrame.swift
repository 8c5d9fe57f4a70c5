/// One 8-bit gray picture, row-major with no padding: pixel (x, y) is `pixels[y * width + x]`.
public struct GrayFrame: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The `width * height` pixel values.
    public var pixels: [UInt8]

    /// A frame over `pixels`, which must hold `width * height` values.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height,
                     "a \(width)x\(height) frame needs \(width * height) pixels, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
