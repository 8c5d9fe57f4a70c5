import Datasets
import Runs

/// What a recognition stage reports as it goes, for progress displays.
public enum EvaluationEvent: Sendable {
    /// The dataset was read and checked.
    case dataset(String)
    /// A stage begins; `cached` when its result is read from the cache.
    case stage(EvaluationStep, cached: Bool)
    /// Items of the current stage done so far.
    case progress(done: Int, total: Int)
    /// A clip was left out.
    case skipped(SkippedItem)
    /// Something the user should know about how the stage runs (one line).
    case notice(String)
    /// A cached file could not be trusted and is computed again.
    case recomputing(SkippedItem)
    /// Temporary files of killed runs were removed from the output folder, `count` of them.
    case removedTemporaries(count: Int)
    /// The descriptor cache of `clips` clips was dropped after finish, freeing `bytes`.
    case droppedDescriptors(clips: Int, bytes: Int)
}
