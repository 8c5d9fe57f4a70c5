import Foundation
import Video

extension VideoPipelineSettings.Decoding {
    /// The frame shape these settings ask for (half or native size, cropped).
    public var frameShape: FrameShape { FrameShape(scale: halfSize ? .half : .native, cropMultiple: cropMultiple) }

    /// Decodes the clip at `url` into a frame volume as these settings ask.
    public func volume(of url: URL) throws -> FrameVolume {
        try decode(url).volume
    }

    /// Decodes as `volume(of:)` does, with where the volume's pixels lie in the stream.
    public func decode(_ url: URL) throws -> (volume: FrameVolume, source: SourceGeometry) {
        try FrameVolume.decoding(url.path, shape: frameShape, maxFrames: maxFrames > 0 ? maxFrames : nil)
    }
}
