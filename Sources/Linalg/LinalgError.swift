/// Errors from the linear-algebra core and its files (`.npy` arrays, stored PCA fits), each in one
/// line naming the routine or the file.
public enum LinalgError: Error, CustomStringConvertible, Equatable {
    /// LAPACK returned a non-zero `info` code.
    case lapack(routine: String, info: Int)
    /// A matrix had the wrong shape for the operation.
    case shape(String)
    /// The file is missing or cannot be read.
    case unreadable(path: String, reason: String)
    /// The bytes are not a valid `.npy` file.
    case notNPY(path: String, reason: String)
    /// A valid file of a kind the caller cannot use (element type, order, rank, values).
    case unexpected(path: String, reason: String)

    public var description: String {
        switch self {
        case let .lapack(routine, info): return "LAPACK \(routine) failed with info = \(info)"
        case let .shape(text): return "shape error: \(text)"
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .notNPY(path, reason): return "\(path): not a valid .npy file: \(reason)"
        case let .unexpected(path, reason): return "\(path): \(reason)"
        }
    }
}
