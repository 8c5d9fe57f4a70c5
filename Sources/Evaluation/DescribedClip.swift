import Datasets
import Foundation
import Linalg
import Recognition
import Runs
import Video

/// A clip's cached descriptors: the reduced descriptors, their activation magnitudes and the
/// relative centres of their super-blocks (which pyramid cells they vote in), stored as one `.npy`
/// of `D + 4` columns (the descriptor, the magnitude, then the centre's t, y, x) at the precision
/// `descriptors.storage` names (`FloatPrecision`: float16 by default, half the disk). Beside a
/// 16-bit file, a training clip keeps the rows the vocabulary is fit on in float32
/// (`VocabularySample`, in the subfolder `vocabulary-sample/`), so the vocabulary does not depend
/// on the cache's precision; the file and its record are written last, so they mark the clip done.
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
        self.init(unpacking: packed)
    }

    /// A clip from a packed matrix of more than `extraColumns` columns.
    private init(unpacking packed: Matrix) {
        let d = packed.cols - Self.extraColumns
        clip = ClipDescriptors(descriptors: packed.columns(0..<d), magnitudes: packed.column(d))
        positions = (0..<packed.rows).map { RelativePosition(t: packed[$0, d + 1], y: packed[$0, d + 2], x: packed[$0, d + 3]) }
    }

    /// The values as stored at `precision` and read back (what finish and predict encode).
    func stored(at precision: FloatPrecision) -> DescribedClip {
        precision == .float32 ? self : DescribedClip(unpacking: precision.rounded(packed))
    }

    /// The file holding the exact sampled rows of the clip whose descriptors are in `file`.
    static func sampleFile(of file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent("vocabulary-sample").appendingPathComponent(file.lastPathComponent)
    }

    /// Writes the clip to `file` at `precision`; with `sampled` row indices and 16-bit storage, those
    /// rows' descriptors in float32 to `sampleFile(of: file)` first.
    func write(to file: URL, precision: FloatPrecision, sampled: [Int]?) throws {
        if precision == .float16, let sampled {
            let sample = Self.sampleFile(of: file)
            try FileManager.default.createDirectory(at: sample.deletingLastPathComponent(), withIntermediateDirectories: true)
            try CheckedArrayFile.write(clip.descriptors.rows(at: sampled), to: sample)
        }
        try CheckedArrayFile.write(packed, to: file, precision: precision)
    }

    /// Reads the clip in `file`, checked against its record.
    static func read(_ file: URL) -> CacheVerdict<DescribedClip> {
        switch CheckedArrayFile.read(file) {
        case let .valid(packed):
            do { return .valid(try DescribedClip(packed: packed, file: file)) } catch { return .invalid("\(error)") }
        case let .invalid(reason): return .invalid(reason)
        case .absent: return .absent
        }
    }

    /// Reads the exact sampled rows kept beside the clip in `file` (`rows` rows of `columns` values,
    /// when given). Never `.absent`: a clip that should have them and does not is invalid.
    static func readSample(of file: URL, rows: Int? = nil, columns: Int? = nil) -> CacheVerdict<Matrix> {
        let sample = sampleFile(of: file)
        switch CheckedArrayFile.read(sample, columns: columns) {
        case .absent:
            return .invalid("\(sample.path): missing; it keeps the vocabulary's rows of \(file.lastPathComponent) exact")
        case let .valid(matrix) where rows.map({ matrix.rows != $0 }) ?? false:
            return .invalid("\(sample.path): \(matrix.rows) rows where the vocabulary's sample draws \(rows!)")
        case let verdict: return verdict
        }
    }

    /// Removes the clip's file, its record and its sampled rows.
    static func remove(_ file: URL) {
        CheckedArrayFile.remove(file)
        CheckedArrayFile.remove(sampleFile(of: file))
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
