/// Why a model bundle could not be read; every case names the file or folder.
public enum BundleError: Error, CustomStringConvertible, Equatable {
    /// The folder holds no bundle manifest.
    case notABundle(path: String, reason: String)
    /// `model.json` exists but cannot be understood.
    case malformedManifest(path: String, reason: String)
    /// An array file the model needs is missing.
    case missingArray(path: String)
    /// An array file cannot be read as float data.
    case unreadableArray(path: String, reason: String)
    /// An array file has the wrong shape.
    case shapeMismatch(path: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case let .notABundle(path, reason): return "\(path) is not a model bundle: \(reason)"
        case let .malformedManifest(path, reason): return "\(path): malformed model manifest: \(reason)"
        case let .missingArray(path): return "\(path): array file missing"
        case let .unreadableArray(path, reason): return "\(path): cannot read array: \(reason)"
        case let .shapeMismatch(path, expected, found): return "\(path): shape \(found), expected \(expected)"
        }
    }
}
