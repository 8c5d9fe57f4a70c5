import Foundation
import Linalg
import Support

/// One clip's features as plain `.npy` files any tool can read and write: `<name>.npy`, a float
/// `[rows, values]` array (float32; float64 is read too), and beside it, optionally,
/// `<name>.positions.npy`, `[rows, 3]`: each row's centre (frame, y, x) in the source video's
/// pixels. `extract` writes them; `evaluate --descriptors` reads them, refusing (naming the file)
/// a missing or malformed file, a wrong width, an empty array, a non-finite value, or positions
/// that do not match the rows.
public enum ClipFeatureFile {

    /// A clip's features and, when present, their positions.
    public struct Contents: Sendable, Equatable {
        /// `[rows, values]`.
        public var features: Matrix
        /// `[rows, 3]` centres (frame, y, x) in the source's pixels, or nil.
        public var positions: Matrix?

        /// Features with optional positions.
        public init(features: Matrix, positions: Matrix?) {
            self.features = features
            self.positions = positions
        }
    }

    /// The positions file beside the features file `url` (`a/b.npy` -> `a/b.positions.npy`).
    public static func positionsURL(of url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("positions.npy")
    }

    /// Writes `contents` to `url` (and its positions beside it), each atomically, positions first:
    /// a features file whose positions are missing or stale is never left by a completed write.
    public static func write(_ contents: Contents, to url: URL) throws {
        let positionsFile = positionsURL(of: url)
        if let positions = contents.positions {
            try NPYArray(positions).write(to: positionsFile)
        } else {
            try? FileManager.default.removeItem(at: positionsFile)
        }
        try NPYArray(contents.features).write(to: url)
    }

    /// Removes the features at `url` and their positions.
    public static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.removeItem(at: positionsURL(of: url))
    }

    /// Reads the features at `url` (with `width` values per row when given) and their positions
    /// (required when `requirePositions`, else read when present).
    public static func read(_ url: URL, width: Int? = nil, requirePositions: Bool = false) throws(RecognitionError) -> Contents {
        let features = try matrix(at: url, what: "features")
        if let width, features.cols != width {
            throw RecognitionError.featureFile(path: url.path, reason: "\(features.cols) values per row where \(width) are expected")
        }
        let positionsFile = positionsURL(of: url)
        guard FileManager.default.fileExists(atPath: positionsFile.path) else {
            if requirePositions {
                throw RecognitionError.featureFile(path: positionsFile.path, reason: "missing; a spatio-temporal pyramid needs each row's (frame, y, x) centre")
            }
            return Contents(features: features, positions: nil)
        }
        let positions = try matrix(at: positionsFile, what: "positions")
        guard positions.rows == features.rows, positions.cols == 3 else {
            throw RecognitionError.featureFile(path: positionsFile.path, reason: "shape [\(positions.rows), \(positions.cols)] where [\(features.rows), 3] (frame, y, x per row of \(url.lastPathComponent)) is expected")
        }
        return Contents(features: features, positions: positions)
    }

    /// A 2-D, non-empty, all-finite float array.
    private static func matrix(at url: URL, what: String) throws(RecognitionError) -> Matrix {
        guard FileManager.default.fileExists(atPath: url.path) else { throw RecognitionError.featureFile(path: url.path, reason: "missing") }
        let array: NPYArray, matrix: Matrix
        do {
            array = try NPYArray(contentsOf: url)
            guard array.shape.count == 2 else {
                throw RecognitionError.featureFile(path: url.path, reason: "shape \(array.shape); \(what) must be a 2-D [rows, values] array")
            }
            matrix = try array.matrix(path: url.path)
        } catch let failure as RecognitionError {
            throw failure
        } catch let failure as LinalgError {
            throw RecognitionError.featureFile(path: url.path, reason: "\(failure)".replacingOccurrences(of: "\(url.path): ", with: ""))
        } catch {
            throw RecognitionError.featureFile(path: url.path, reason: "\(error)")
        }
        guard matrix.rows > 0, matrix.cols > 0 else {
            throw RecognitionError.featureFile(path: url.path, reason: "empty (shape \(array.shape)); \(what) need at least one row of at least one value")
        }
        return matrix
    }
}
