import Datasets
import Foundation
import Linalg
import Recognition
import Runs
import Video

/// A clip's cached descriptors: the reduced descriptors, their activation magnitudes and the
/// relative centres of their super-blocks (which pyramid cells they vote in), stored as one
/// float32 `.npy` of `D + 4` columns: the descriptor, the magnitude, then the centre's t, y, x.
struct DescribedClip {
    /// Descriptors and magnitudes.
    var clip: ClipDescriptors
    /// Each super-block's centre as a fraction of the clip's extent.
    var positions: [RelativePosition]

    /// Columns stored after the descriptor.
    static let extraColumns = 4
    /// Names the layout in cache fingerprints, so a cache of another layout is never read as this one.
    static let layout = "descriptor, magnitude, relative centre t y x"

    /// The clip's descriptors with the centres of the super-blocks at `origins` in `volume`.
    init(_ clip: ClipDescriptors, origins: [BlockPosition], superBlock: BlockShape, volume: FrameVolume) {
        let extent = BlockShape(frames: volume.frameCount, height: volume.height, width: volume.width)
        self.clip = clip
        self.positions = origins.map { RelativePosition(centreOf: superBlock, at: $0, in: extent) }
    }

    /// The clip's descriptors with their super-blocks' relative centres.
    init(_ clip: ClipDescriptors, positions: [RelativePosition]) {
        self.clip = clip
        self.positions = positions
    }

    /// A clip from its packed matrix, read from `file` (named in errors).
    init(packed: Matrix, file: URL) throws {
        guard packed.cols > Self.extraColumns else {
            throw RecognitionError.dimensionMismatch("\(file.path): \(packed.cols) columns, a described clip has more than \(Self.extraColumns)")
        }
        let d = packed.cols - Self.extraColumns
        clip = ClipDescriptors(descriptors: packed.columns(0..<d), magnitudes: packed.column(d))
        positions = (0..<packed.rows).map { RelativePosition(t: packed[$0, d + 1], y: packed[$0, d + 2], x: packed[$0, d + 3]) }
    }

    /// The packed matrix.
    var packed: Matrix {
        let d = clip.descriptors.cols
        var out = Matrix(rows: clip.descriptors.rows, cols: d + Self.extraColumns)
        for r in 0..<out.rows {
            for c in 0..<d { out[r, c] = clip.descriptors[r, c] }
            out[r, d] = clip.magnitudes[r]
            out[r, d + 1] = positions[r].t
            out[r, d + 2] = positions[r].y
            out[r, d + 3] = positions[r].x
        }
        return out
    }
}
