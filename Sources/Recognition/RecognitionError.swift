import Datasets
/// Errors from the recognition protocol's stages, each with a one-line description.
public enum RecognitionError: Error, CustomStringConvertible, Equatable {
    /// A setting is out of its valid range.
    case invalidSetting(String)
    /// Two inputs disagree in size.
    case dimensionMismatch(String)
    /// The clip holds no complete super-block.
    case clipTooSmall(frameCount: Int, height: Int, width: Int, needs: BlockShape)
    /// A linear-algebra step (PCA) failed.
    case linalg(String)
    /// A clip's feature file (`ClipFeatureFile`) cannot be used: the file and what is wrong with it.
    case featureFile(path: String, reason: String)

    /// The error in one line.
    public var description: String {
        switch self {
        case let .invalidSetting(text): return "invalid setting: \(text)"
        case let .dimensionMismatch(text): return "dimension mismatch: \(text)"
        case let .clipTooSmall(t, h, w, needs):
            return "clip of \(t) frames x \(h) x \(w) is too small or short for one \(needs.frames) x \(needs.height) x \(needs.width) super-block"
        case let .linalg(text): return "linear algebra: \(text)"
        case let .featureFile(path, reason): return "\(path): \(reason)"
        }
    }
}
