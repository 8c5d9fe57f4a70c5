import Datasets
import Foundation
import Runs
import Linalg
import Recognition
import Support

/// `zae-video predict`: a run's recogniser applied to new clips. Each clip is decoded and described
/// exactly as the run's descriptor stage does (`DescriptorModel.describe`, with the run's
/// super-block PCA), encoded with the run's vocabulary or GMM over its pyramid, and scored by every
/// class's classifier, so the run's own test clips get exactly the scores its report's APs were
/// computed from. Clips that cannot be described are reported with the reason; the rest are scored.
public struct ClipPrediction: Sendable {
    /// One clip's outcome.
    public struct Outcome: Sendable, Equatable {
        /// The video file.
        public var clip: String
        /// Each class's decision value, in the recogniser's class order (nil when the clip was skipped).
        public var scores: [Double]?
        /// Why the clip could not be scored.
        public var failure: String?
    }

    /// The recogniser.
    public var recogniser: Recogniser

    /// A prediction with the recogniser of the evaluate output folder `run` (checked as `Recogniser.load` does).
    public init(run: URL) throws {
        recogniser = try Recogniser.load(from: run)
    }

    /// Scores every clip of `files`, in order; `progress` counts clips described.
    public func run(_ files: [URL], progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> [Outcome] {
        let descriptorModel = try DescriptorModel(folder: URL(fileURLWithPath: recogniser.model), settings: recogniser.settings)
        let (decoding, recogniser) = (recogniser.settings.decoding, recogniser)
        let superBlock = descriptorModel.extractor.grid.superBlock
        let encodings = ResultSlots<Result<[Float], any Error>>(count: files.count)
        ParallelWork.forEach(files.count, work: { i, _ in
            do {
                let description = try descriptorModel.describe(files[i], decoding: decoding, reducedBy: recogniser.reduction)
                encodings[i] = .success(recogniser.encoding(of: description, superBlock: superBlock))
            } catch {
                encodings[i] = .failure(error)
            }
        }, done: { progress($0, files.count) })
        let results = encodings.values.map { $0! }
        let scored = results.indices.filter { if case .success = results[$0] { return true } else { return false } }
        let dimension = recogniser.encoder.dimension
        var matrix = Matrix(rows: scored.count, cols: dimension)
        for (row, i) in scored.enumerated() {
            if case let .success(encoding) = results[i] { matrix.storage.replaceSubrange((row * dimension)..<((row + 1) * dimension), with: encoding) }
        }
        let scores = scored.isEmpty ? [] : try recogniser.scores(encodings: matrix)
        return files.indices.map { i in
            switch results[i] {
            case let .failure(failure): return Outcome(clip: files[i].relativePath, scores: nil, failure: "\(failure)")
            case .success:
                let row = scored.firstIndex(of: i)!
                return Outcome(clip: files[i].relativePath, scores: scores.map { $0[row] }, failure: nil)
            }
        }
    }
}
