import Datasets
import Foundation
import Learners
import Linalg
import Plots
import Runs
import Support

/// The filters of a trained model mapped back to pixel space, the way the paper's figures show them.
///
/// **Pixel space.** Whitening maps a preprocessed block `x` to `x_w = (x - mean) V diag(s)`, with
/// `V` the kept eigenvectors and `s = 1 / sqrt(lambda + regularization)` (`PCA`). A whitened-space
/// filter `w` is drawn as the pixel-space pattern it generates, `V diag(1/s) w =
/// V diag(sqrt(lambda + regularization)) w` (`PCA.backProjection` transposed; no mean is added, a
/// filter is a direction). With per-frame whitening each frame's part of `w` goes back through the
/// per-frame PCA on its own. DC removal and contrast normalisation are not undone (a filter has no
/// DC to restore; the contrast scale is one number per block).
///
/// **What is drawn, and "strongest".** Each learner kind ranks its own filters by their gain
/// (`LearnerKind.rankFilters`, `RankedFilters`): the encoder filters of trec, tlin and cae by `|w_k|`,
/// the centroids of K-means (all of length 1, so in stored order), covae's factor filters and the
/// gated RBM's factor filter pairs by the gains their model files derive. Ties keep the stored order.
public enum ModelFilters {
    /// Draws the `count` strongest filters of the model bundle in `bundle` into `output` (created when
    /// missing): `filters.png`, `filters.gif`, `filters.npy` (`PixelFilters`) and `filters.json`
    /// (the model kind, what is drawn, the array's shape, the median frame roughness).
    public static func draw(bundle: URL, count: Int, output: URL) throws -> PixelFilters {
        let loaded = try ModelBundle.load(from: bundle)
        let whitening: PatchWhitening
        do { whitening = try loaded.patchWhitening() } catch {
            throw StudyError.filters("\(bundle.path): \(error), so its filters cannot be mapped to pixel space")
        }
        let filters = try strongest(count, of: loaded.model, whitening: whitening)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try filters.write(to: output, stem: "filters")
        let caption = Caption(model: loaded.model.kind.rawValue, drawn: filters.drawn,
                              shape: [filters.count, filters.frames, filters.height, filters.width],
                              of: filters.total, medianRoughness: filters.medianRoughness)
        try AtomicFile.write(JSONEncoder.readable().encode(caption), to: output.appendingPathComponent("filters.json"))
        return filters
    }

    /// `filters.json`: what `filters.npy` holds.
    struct Caption: Codable {
        var model: String
        var drawn: String
        var shape: [Int]
        var of: Int
        var medianRoughness: Double

        enum CodingKeys: String, CodingKey {
            case model, drawn, shape, of = "filters_in_model", medianRoughness = "median_frame_roughness"
        }
    }

    /// The `count` strongest filters of `model` (all of them when it has fewer) in pixel space,
    /// for a model trained on blocks whitened by `whitening`.
    public static func strongest(_ count: Int, of model: any LearnedModel, whitening: PatchWhitening) throws -> PixelFilters {
        precondition(count >= 1, "draw at least one filter")
        let ranked: RankedFilters
        do { ranked = try model.kind.learner.rankFilters(model) } catch let missing as LearnerError {
            guard case .noFilterArray = missing else { throw missing }
            throw StudyError.filters(missing.description)
        }
        let (whitened, gains) = (ranked.whitened, ranked.gains)
        let order = gains.indices.sorted { gains[$0] > gains[$1] || (gains[$0] == gains[$1] && $0 < $1) }
        let chosen = whitened.transposed.rows(at: Array(order.prefix(count)))
        let pixels = try pixelSpace(chosen, whitening: whitening)
        return PixelFilters(values: pixels, frames: pixels.cols / (whitening.shape.height * whitening.shape.width),
                            height: whitening.shape.height, width: whitening.shape.width, drawn: ranked.drawn, total: gains.count)
    }

    /// Whitened-space filters (one per row) mapped to pixel space (one per row): each row times
    /// `PCA.backProjection`, frame by frame when `whitening` is per frame.
    public static func pixelSpace(_ filters: Matrix, whitening: PatchWhitening) throws -> Matrix {
        let pca = whitening.pca
        if !whitening.perFrame {
            guard filters.cols == pca.outputDimension else {
                throw StudyError.filters("filters of \(filters.cols) values do not match the whitening's \(pca.outputDimension) dimensions")
            }
            return Matrix.product(filters, .none, pca.backProjection, .none)
        }
        guard filters.cols % pca.outputDimension == 0 else {
            throw StudyError.filters("filters of \(filters.cols) values are not whole frames of the per-frame whitening's \(pca.outputDimension) dimensions")
        }
        let frames = filters.cols / pca.outputDimension
        let perFrame = Matrix.product(filters.reshaped(rows: filters.rows * frames, cols: pca.outputDimension), .none,
                                      pca.backProjection, .none)
        return perFrame.reshaped(rows: filters.rows, cols: frames * pca.inputDimension)
    }
}
