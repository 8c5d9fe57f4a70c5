import Datasets
import Foundation
import Linalg
import Recognition
import Runs
import Video

/// A clip's cached descriptors: the reduced descriptors, their activation magnitudes and the
/// relative centres of their super-blocks (which pyramid cells they vote in), stored in the
/// descriptor cache as `DescriptorCacheFile` describes.
struct DescribedClip {
    /// Descriptors and magnitudes.
    var clip: ClipDescriptors
    /// Each super-block's centre as a fraction of the clip's extent.
    var positions: [RelativePosition]

    /// Names the cache's file format in cache fingerprints, so a cache of another format is never read as this one.
    static let layout = "format 2: float16 descriptor; float32 magnitude, relative centre t y x"

    /// The clip's descriptors with the centres of the super-blocks at `origins` in `volume`.
    init(_ clip: ClipDescriptors, origins: [BlockPosition], superBlock: BlockShape, volume: FrameVolume) {
        let extent = BlockShape(frames: volume.frameCount, height: volume.height, width: volume.width)
        self.clip = clip
        self.positions = origins.map { RelativePosition(centreOf: superBlock, at: $0, in: extent) }
    }

    /// A clip from its parts.
    init(clip: ClipDescriptors, positions: [RelativePosition]) {
        precondition(clip.descriptors.rows == positions.count, "\(clip.descriptors.rows) descriptors but \(positions.count) positions")
        self.clip = clip
        self.positions = positions
    }
}
