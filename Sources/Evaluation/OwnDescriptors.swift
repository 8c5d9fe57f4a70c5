import Datasets
import Foundation
import Linalg
import Recognition
import Runs
import Support
import Video

/// Descriptors brought from elsewhere (`evaluate --descriptors DIR`): per clip of the dataset,
/// `DIR/<clip path under the dataset root, extension dropped>.npy`, float `[rows, values]`, and
/// optionally `<...>.positions.npy`, `[rows, 3]` centres (frame, y, x) in the source video's pixels
/// (`ClipFeatureFile`, the layout `extract --dataset` writes). They take the place of a model's
/// super-block descriptors: the prepare stage checks every clip's files before any work and fits the
/// super-block PCA on them (unless `reduce` is off), the descriptor stage reduces each clip's rows,
/// and the finish stage runs unchanged. Recorded in the plan.
public struct OwnDescriptors: Codable, Sendable, Equatable {
    /// The descriptor folder (absolute path).
    public var folder: String
    /// The dataset root the clips' relative paths are taken under (absolute path).
    public var root: String
    /// Whether the descriptors go through the whitened super-block PCA (`descriptors.pcaDimensions`).
    public var reduce: Bool
    /// Values per row, the same in every clip's file.
    public var width: Int
    /// Whether every clip has positions (then any pyramid can be used; without them only 1x1x1).
    public var positions: Bool

    /// The features file of `clip`.
    func file(of clip: EvaluationPlan.Clip) -> URL {
        Self.file(of: clip, folder: URL(fileURLWithPath: folder), root: URL(fileURLWithPath: root))
    }

    static func file(of clip: EvaluationPlan.Clip, folder: URL, root: URL) -> URL {
        folder.appendingPathComponent(VideoInput(clip: URL(fileURLWithPath: clip.file), root: root).name + ".npy")
    }

    /// Reads every clip's files in `folder` and refuses, naming the clip and the file, the first
    /// (in plan order) that is missing, malformed, empty, not finite, of another width than the
    /// first clip's, or with positions that do not match its rows. Returns the record and each clip's row count.
    static func check(_ clips: [EvaluationPlan.Clip], folder: URL, root: URL, reduce: Bool,
                      events: @escaping @Sendable (EvaluationEvent) -> Void) throws -> (record: OwnDescriptors, rows: [Int]) {
        try checkFolder(folder)
        events(.stage(.checkingDescriptors(clips: clips.count), cached: false))
        let shapes = ResultSlots<Result<(width: Int, rows: Int, positions: Bool), RecognitionError>>(count: clips.count)
        ParallelWork.forEach(clips.count, work: { i, _ in
            do throws(RecognitionError) {
                let contents = try ClipFeatureFile.read(file(of: clips[i], folder: folder, root: root))
                shapes[i] = .success((contents.features.cols, contents.features.rows, contents.positions != nil))
            } catch {
                shapes[i] = .failure(error)
            }
        }, done: { events(.progress(done: $0, total: clips.count)) })
        var width: (value: Int, clip: String)?
        var positions = true, rows: [Int] = []
        for (clip, shape) in zip(clips, shapes.values) {
            switch shape! {
            case let .failure(.featureFile(path, reason)): throw EvaluationError.ownDescriptors(clip: clip.name, path: path, reason: reason)
            case let .failure(failure): throw failure
            case let .success(shape):
                if let width, width.value != shape.width {
                    throw EvaluationError.ownDescriptors(clip: clip.name, path: file(of: clip, folder: folder, root: root).path,
                                                         reason: "\(shape.width) values per row where \(width.value) (those of clip \(width.clip)) are expected")
                }
                width = width ?? (shape.width, clip.name)
                positions = positions && shape.positions
                rows.append(shape.rows)
            }
        }
        return (OwnDescriptors(folder: folder.standardizedFileURL.path, root: root.standardizedFileURL.path, reduce: reduce,
                               width: width?.value ?? 0, positions: positions), rows)
    }

    /// Refuses a `folder` that is not a folder.
    static func checkFolder(_ folder: URL) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw EvaluationError.ownDescriptorSetting(path: folder.path, reason: "no such folder; --descriptors names the folder of the clips' .npy files")
        }
    }

    /// Refuses a pyramid other than 1x1x1 when a clip has no positions, naming its positions file.
    func checkPyramid(_ pyramid: [PyramidGrid], clips: [EvaluationPlan.Clip]) throws {
        guard !positions, pyramid != [.whole] else { return }
        let missing = clips.map { ClipFeatureFile.positionsURL(of: file(of: $0)) }
            .first { !FileManager.default.fileExists(atPath: $0.path) }
        throw EvaluationError.ownDescriptorSetting(
            path: (missing ?? URL(fileURLWithPath: folder)).path,
            reason: "missing; the pyramid \(pyramid.map(\.description).joined(separator: ",")) needs "
                + "each row's centre (frame, y, x): write the positions, or use --pyramid 1x1x1")
    }

    /// The rows `choose` picks (sorted indices, given the row count) of `clip`'s features.
    func sampledRows(of clip: EvaluationPlan.Clip, choose: (Int) -> [Int]) throws -> Matrix {
        let features = try contents(of: clip, positions: false).features
        let chosen = choose(features.rows)
        var rows = Matrix(rows: chosen.count, cols: features.cols)
        for (r, source) in chosen.enumerated() {
            for c in 0..<features.cols { rows[r, c] = features[source, c] }
        }
        return rows
    }

    /// A clip's descriptors as the descriptor stage caches them: the rows through `reduction` (when
    /// given) in batches as a model's are (`DescriptorExtractor.defaultBatchSize`), each row's magnitude (its norm before the
    /// reduction), and each row's centre relative to the clip's decoded extent, found by decoding the
    /// clip as `decoding` says (centres outside it count in the nearest pyramid cell); without
    /// positions every centre is the clip's middle (only a 1x1x1 pyramid is allowed then).
    func describe(_ clip: EvaluationPlan.Clip, reducedBy reduction: PCA?, decoding: VideoPipelineSettings.Decoding) throws -> DescribedClip {
        let contents = try contents(of: clip, positions: positions)
        let features = contents.features, width = features.cols, batchSize = DescriptorExtractor.defaultBatchSize
        var magnitudes = [Float](repeating: 0, count: features.rows)
        var descriptors = features
        features.storage.withUnsafeBufferPointer { x in
            for r in 0..<features.rows { magnitudes[r] = squaredNorm(x.baseAddress! + r * width, count: width).squareRoot() }
            guard let reduction else { return }
            let projector = PCAProjector(reduction)
            descriptors = Matrix(rows: features.rows, cols: reduction.outputDimension)
            descriptors.storage.withUnsafeMutableBufferPointer { out in
                for start in stride(from: 0, to: features.rows, by: batchSize) {
                    let count = min(batchSize, features.rows - start)
                    projector.apply(rows: x.baseAddress! + start * width, count: count,
                                    into: out.baseAddress! + start * reduction.outputDimension)
                }
            }
        }
        let described = ClipDescriptors(descriptors: descriptors, magnitudes: magnitudes)
        guard let centres = contents.positions else {
            return DescribedClip(described, positions: Array(repeating: RelativePosition(t: 0.5, y: 0.5, x: 0.5), count: features.rows))
        }
        let (volume, source) = try decoding.decode(URL(fileURLWithPath: clip.file))
        // As `RelativePosition(centreOf:at:in:)`: a centre voxel c of a block lies at c + 0.5 of the extent.
        let relative = (0..<centres.rows).map { r in
            RelativePosition(t: Float(Double(centres[r, 0]) + 0.5) / Float(volume.frameCount),
                             y: Float(source.volumeCoordinate(row: Double(centres[r, 1])) + 0.5) / Float(volume.height),
                             x: Float(source.volumeCoordinate(column: Double(centres[r, 2])) + 0.5) / Float(volume.width))
        }
        return DescribedClip(described, positions: relative)
    }

    /// The clip's files, checked again (they may have changed since the prepare stage).
    private func contents(of clip: EvaluationPlan.Clip, positions: Bool) throws -> ClipFeatureFile.Contents {
        do { return try ClipFeatureFile.read(file(of: clip), width: width, requirePositions: positions) } catch let .featureFile(path, reason) {
            throw EvaluationError.ownDescriptors(clip: clip.name, path: path, reason: reason)
        }
    }
}
