/// Errors reading image datasets: each names the file or folder at fault and the problem, in one line.
public enum DatasetFailure: Error, CustomStringConvertible, Equatable {
    /// A file the dataset needs is not there.
    case missing(path: String, what: String)
    /// The file exists but could not be read (permissions, I/O, decompression).
    case unreadable(path: String, reason: String)
    /// The file was read but its contents are not what the format promises.
    case malformed(path: String, reason: String)
    /// A request that the data cannot satisfy (for example a crop larger than the images).
    case invalidRequest(reason: String)

    public var description: String {
        switch self {
        case let .missing(path, what): return "\(path): missing (\(what))"
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .malformed(path, reason): return "\(path): \(reason)"
        case let .invalidRequest(reason): return reason
        }
    }
}
