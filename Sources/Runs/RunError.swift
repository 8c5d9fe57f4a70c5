import Support

/// Why a run cannot start, whatever the run: its output folder is locked, it would not fit in memory,
/// or its model bundle cannot serve a video run. Settings that differ from the bundle's are `SettingError`s.
public enum RunError: Error, CustomStringConvertible {
    /// Another run holds the output folder's lock.
    case outputLocked(path: String, holder: String)
    /// The lock file cannot be created.
    case unusableLock(path: String, reason: String)
    /// The run's largest step needs more memory than `available` bytes.
    case tooLarge(run: String, step: MemoryEstimate.Step, available: Double)
    /// A model bundle cannot serve a video run (it holds no whitening PCA or no block preprocessing).
    case bundleMismatch(String)

    public var description: String {
        switch self {
        case let .outputLocked(path, holder):
            return "\(path) is in use by another run (\(holder)); wait for it to finish or choose another --out"
        case let .unusableLock(path, reason): return "cannot lock \(path): \(reason)"
        case let .tooLarge(run, step, available):
            return "\(run) would need about \(MemorySize.text(Int(min(step.bytes, 9e18)))) of memory in \(step.step) "
                + "(\(step.detail)); this machine has \(MemorySize.text(Int(available))). Reduce the sizes in the settings."
        case let .bundleMismatch(reason): return reason
        }
    }
}
