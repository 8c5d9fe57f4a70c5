import Foundation
import Runs
import Linalg
import Recognition
import Video

extension DescriptorModel {
    /// One clip decoded and described.
    struct Description {
        /// The descriptors (reduced when a reduction was given) and their magnitudes.
        var descriptors: ClipDescriptors
        /// Each descriptor's super-block origin in the volume.
        var origins: [BlockPosition]
        /// The decoded volume.
        var volume: FrameVolume
        /// Where the volume lies in the stream.
        var source: SourceGeometry

        /// Each descriptor's super-block centre (frame, y, x) in the stream's pixels, `rows x 3`.
        func sourceCentres(grid: SuperBlockGrid) -> Matrix { grid.sourceCentres(of: origins, in: source) }
    }

    /// Decodes `file` as `decoding` says and describes every super-block, through `reduction`
    /// when given: the one function that makes the rows evaluate's descriptor stage caches and the
    /// rows `extract` writes, so the two agree bit for bit. Throws when the clip does not decode
    /// or holds no super-block.
    func describe(_ file: URL, decoding: VideoPipelineSettings.Decoding, reducedBy reduction: PCA?) throws -> Description {
        let (volume, source) = try decoding.decode(file)
        let origins = try extractor.origins(in: volume)
        return Description(descriptors: extractor.extract(from: volume, origins: origins, reducedBy: reduction), origins: origins,
                           volume: volume, source: source)
    }
}
