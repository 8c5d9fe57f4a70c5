import Datasets

/// What a recognition stage reports as it goes, for progress displays.
public enum RecognitionEvent: Sendable {
    /// The dataset was read and checked.
    case dataset(String)
    /// A stage begins; `cached` when its result is read from the cache.
    case stage(String, cached: Bool)
    /// Items of the current stage done so far.
    case progress(done: Int, total: Int)
    /// A clip was left out.
    case skipped(SkippedItem)
    /// A cached file could not be trusted and is computed again.
    case recomputing(SkippedItem)
    /// Something worth a line (leftovers removed, a plan reused, ...).
    case note(String)
}
