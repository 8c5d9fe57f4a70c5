/// Why a file could not be written atomically or a JSON document could not be read, in one line
/// naming the file or the value at fault. Settings problems are `SettingError`s instead.
public enum SupportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file or folder could not be written or moved into place.
    case cannotWrite(path: String, reason: String)
    /// A JSON document does not hold the type it was read as (`JSONProblem` says where and why).
    case invalidJSON(JSONProblem)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .invalidJSON(problem): return problem.description
        }
    }
}
