import Runs
import Datasets
import Foundation
import Learners
import Linalg
import Plots
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
/// **What is drawn, and "strongest".** A filter's strength is its gain: how large its unit's
/// pre-activation gets for whitened input, from the weights alone.
/// - trec, tlin, cae: the encoder filters, columns `w_k` of `W`; gain `|w_k|`.
/// - kmeans: the centroids, columns of `D`; gain `|d_k|`, which is 1 for every centroid of
///   spherical K-means, so they keep their stored order.
/// - covae: the factor filters, columns `u_f` of `U` (as in Memisevic's covariance-AE figures); the
///   mapping pre-activation is `P^T (U^T x)^2`, so factor f's gain is `|u_f|^2 |P_f,:|`.
/// - grbm: the factor filter pairs, `Wx` column f as frame 0 (the earlier frame) and `Wy` column f as
///   frame 1 (the later frame), as Memisevic and Hinton draw them; the hidden pre-activation is
///   `Wh^T ((Wx^T x) * (Wy^T y))`, so factor f's gain is `|wx_f| |wy_f| |Wh_f,:|`.
/// Ties keep the stored order.
public enum ModelFilters {
    /// Why a model's filters cannot be drawn.
    public struct Failure: Error, CustomStringConvertible {
        /// The reason.
        public var reason: String
        public var description: String { reason }
    }

    /// Draws the `count` strongest filters of the model bundle in `bundle` into `output` (created when
    /// missing): `filters.png`, `filters.gif`, `filters.npy` (`PixelFilters`) and `filters.json`
    /// (the model kind, what is drawn, the array's shape, the median frame roughness).
    public static func draw(bundle: URL, count: Int, output: URL) throws -> PixelFilters {
        let loaded = try ModelBundle.load(from: bundle)
        let whitening: PatchWhitening
        do { whitening = try loaded.patchWhitening() } catch {
            throw Failure(reason: "\(bundle.path): \(error), so its filters cannot be mapped to pixel space")
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
        func array(_ name: String) throws -> Matrix {
            guard let array = model.arrays[name], array.shape.count == 2 else {
                throw Failure(reason: "the \(model.kind.rawValue) model has no 2-D \(name) array")
            }
            return try array.matrix(path: name)
        }
        let name = model.kind.learner.filterArray
        guard let filters = model.kind.learner.filterWeights(of: model) else {
            throw Failure(reason: "the \(model.kind.rawValue) model has no 2-D \(name) array")
        }
        let whitened: Matrix, gains: [Float], drawn: String
        switch model.kind {
        case .trec, .tlin, .cae:
            (whitened, gains) = (filters, columnNorms(filters))
            drawn = "encoder filters (columns of \(name)), ranked by |w|"
        case .kmeans:
            (whitened, gains) = (filters, columnNorms(filters))
            drawn = "centroids (columns of \(name)), ranked by length (all 1: stored order)"
        case .covae:
            whitened = filters
            gains = zip(columnNorms(filters), rowNorms(try array("P"))).map { $0 * $0 * $1 }
            drawn = "factor filters (columns of \(name)), ranked by |u|^2 |P row|"
        case .grbm:
            let (later, hidden) = try (array("Wy"), array("Wh"))
            whitened = stackedFrames(filters, later)
            gains = zip(zip(columnNorms(filters), columnNorms(later)), rowNorms(hidden)).map { $0.0 * $0.1 * $1 }
            drawn = "factor filter pairs (frame 0: column of \(name) on the earlier frame, frame 1: column of Wy on the later frame), ranked by |wx| |wy| |Wh row|"
        }
        let order = gains.indices.sorted { gains[$0] > gains[$1] || (gains[$0] == gains[$1] && $0 < $1) }
        let chosen = whitened.transposed.rows(at: Array(order.prefix(count)))
        let pixels = try pixelSpace(chosen, whitening: whitening)
        return PixelFilters(values: pixels, frames: pixels.cols / (whitening.shape.height * whitening.shape.width),
                            height: whitening.shape.height, width: whitening.shape.width, drawn: drawn, total: gains.count)
    }

    /// Whitened-space filters (one per row) mapped to pixel space (one per row): each row times
    /// `PCA.backProjection`, frame by frame when `whitening` is per frame.
    public static func pixelSpace(_ filters: Matrix, whitening: PatchWhitening) throws -> Matrix {
        let pca = whitening.pca
        if !whitening.perFrame {
            guard filters.cols == pca.outputDimension else {
                throw Failure(reason: "filters of \(filters.cols) values do not match the whitening's \(pca.outputDimension) dimensions")
            }
            return Matrix.product(filters, .none, pca.backProjection, .none)
        }
        guard filters.cols % pca.outputDimension == 0 else {
            throw Failure(reason: "filters of \(filters.cols) values are not whole frames of the per-frame whitening's \(pca.outputDimension) dimensions")
        }
        let frames = filters.cols / pca.outputDimension
        let perFrame = Matrix.product(filters.reshaped(rows: filters.rows * frames, cols: pca.outputDimension), .none,
                                      pca.backProjection, .none)
        return perFrame.reshaped(rows: filters.rows, cols: frames * pca.inputDimension)
    }

    /// The `2d x F` matrix whose column f is column f of `top` over column f of `bottom` (both `d x F`).
    static func stackedFrames(_ top: Matrix, _ bottom: Matrix) -> Matrix {
        var stacked = top
        stacked.appendRows(bottom)
        return stacked
    }

    /// The Euclidean length of every column of `m`.
    static func columnNorms(_ m: Matrix) -> [Float] {
        var sums = [Float](repeating: 0, count: m.cols)
        for r in 0..<m.rows { for c in 0..<m.cols { sums[c] += m[r, c] * m[r, c] } }
        return sums.map { $0.squareRoot() }
    }

    /// The Euclidean length of every row of `m`.
    static func rowNorms(_ m: Matrix) -> [Float] {
        (0..<m.rows).map { r in m.row(r).reduce(0) { $0 + $1 * $1 }.squareRoot() }
    }
}
