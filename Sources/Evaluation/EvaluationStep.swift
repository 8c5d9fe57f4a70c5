import Runs

/// A step of the recognition protocol that a run announces as it begins (`EvaluationEvent.stage`),
/// with the sizes a reader wants to see. `line(cached:)` is the one place its words are made.
public enum EvaluationStep: Sendable, Equatable {
    /// The whitened super-block PCA, fit on super-blocks sampled from the training clips.
    case superBlockPCA
    /// Every clip's own descriptor files (`evaluate --descriptors`) read and checked, `clips` of them.
    case checkingDescriptors(clips: Int)
    /// The reduced descriptors of `clips` clips of `shard`.
    case descriptors(clips: Int, shard: ClipShard)
    /// Descriptors drawn from `clips` training clips to fit `model`.
    case sampling(EncodingModel, clips: Int)
    /// `model` with `size` words or Gaussians, fit on `descriptors` sampled ones (nil: read from the cache).
    case encodingModel(EncodingModel, size: Int, descriptors: Int?)
    /// The `kind` encodings of `clips` clips over `cells` pyramid cells, `dimension` values per clip,
    /// `cachedClips` of them read from the cache.
    case encodings(EncodingSettings.Kind, cells: Int, dimension: Int, cachedClips: Int, clips: Int)
    /// The chi-squared kernels and one kernel SVM per action (`actions` of them).
    case kernelSVMs(actions: Int)
    /// One linear SVM per action (`actions` of them), C chosen by `folds`-fold cross-validation.
    case linearSVMs(actions: Int, folds: Int)
    /// The report's page, with thumbnails of `clips` top-ranked test clips.
    case page(clips: Int)

    /// The model an encoding is computed against.
    public enum EncodingModel: String, Sendable, Equatable {
        /// The bag of words' K-means vocabulary.
        case vocabulary
        /// VLAD's K-means vocabulary.
        case vladVocabulary = "vlad-vocabulary"
        /// The Fisher vectors' diagonal GMM.
        case gmm = "GMM"
    }

    /// The stage in words, as a progress display shows it when it begins: "NAME ..." when it is
    /// computed, "NAME: cached" when its result is read from the cache.
    public func line(cached: Bool) -> String {
        cached ? "\(name(cached: true)): cached" : "\(name(cached: false)) ..."
    }

    /// What the stage does (computed) or holds (cached), in words.
    func name(cached: Bool) -> String {
        switch self {
        case .superBlockPCA:
            return cached ? "super-block PCA" : "super-block PCA (sampling training clips)"
        case let .checkingDescriptors(clips):
            return "checking the descriptor files of \(clips) clips"
        case let .descriptors(clips, shard):
            return "descriptors of \(clips) clips\(shard == .whole ? "" : " of shard \(shard)")"
        case let .sampling(model, clips):
            return "\(model.rawValue): sampling the descriptors of \(clips) training clips"
        case let .encodingModel(model, size, descriptors?):
            return model == .gmm ? "GMM: EM with \(size) Gaussians on \(descriptors) descriptors"
                : "\(model.rawValue): K-means with \(size) words on \(descriptors) descriptors"
        case let .encodingModel(model, size, nil):
            return model == .gmm ? "GMM of \(size) Gaussians" : "\(model.rawValue) of \(size) words"
        case let .encodings(kind, cells, dimension, cachedClips, clips):
            return "\(kind.rawValue) encodings over \(cells) pyramid cells (\(dimension) values per clip)"
                + (cachedClips == clips ? "" : ", \(cachedClips) of \(clips) cached")
        case let .kernelSVMs(actions):
            return "chi-squared kernels and \(actions) SVMs"
        case let .linearSVMs(actions, folds):
            return "\(actions) linear SVMs, C chosen by \(folds)-fold cross-validation"
        case let .page(clips):
            return "report page (thumbnails of \(clips) top-ranked test clips)"
        }
    }
}
