/// The size the decoder delivers frames at: native or half size, then optionally centre-cropped so
/// both sides are multiples of a block size.
///
/// Half size is computed by swscale's area filter (each output pixel the mean of the 2x2 source
/// pixels it covers, the antialiasing choice for an exact halving), odd sides round down. The crop
/// is centred: `(halfWidth % 16) / 2` columns go on the left, the rest on the right, likewise rows.
public struct FrameShape: Sendable, Equatable {
    /// The spatial scale applied before cropping.
    public enum Scale: Sendable, Equatable {
        /// The stream's own size.
        case native
        /// Half the stream's size in each direction (area filter).
        case half
    }

    /// The scale applied before cropping.
    public var scale: Scale
    /// Each output side is cropped down to a multiple of this (1: no crop).
    public var cropMultiple: Int

    /// Frames as the stream holds them: native size, no crop. What `probe` and the CLI reference see.
    public static let native = FrameShape(scale: .native, cropMultiple: 1)
    /// The pipeline's frames: half size, centre-cropped to multiples of 16.
    public static let pipeline = FrameShape(scale: .half, cropMultiple: 16)

    /// A shape that scales by `scale`, then crops each side down to a multiple of `cropMultiple`.
    public init(scale: Scale, cropMultiple: Int = 1) {
        precondition(cropMultiple >= 1, "crop multiple must be at least 1, got \(cropMultiple)")
        self.scale = scale
        self.cropMultiple = cropMultiple
    }

    /// Where a `width x height` stream's frames land: the scaled size, and the crop window in it.
    public func layout(width: Int, height: Int) -> FrameLayout {
        let divisor = scale == .half ? 2 : 1
        let scaledWidth = width / divisor, scaledHeight = height / divisor
        let outputWidth = scaledWidth / cropMultiple * cropMultiple
        let outputHeight = scaledHeight / cropMultiple * cropMultiple
        return FrameLayout(scaledWidth: scaledWidth, scaledHeight: scaledHeight,
                           cropX: (scaledWidth - outputWidth) / 2, cropY: (scaledHeight - outputHeight) / 2,
                           width: outputWidth, height: outputHeight)
    }
}

/// The geometry `FrameShape.layout` computes for one stream size.
public struct FrameLayout: Sendable, Equatable {
    /// Size after scaling, before cropping.
    public let scaledWidth: Int, scaledHeight: Int
    /// Top-left corner of the crop window in the scaled frame.
    public let cropX: Int, cropY: Int
    /// Size of the delivered frames.
    public let width: Int, height: Int
}
