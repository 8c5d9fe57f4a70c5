import Foundation
import Linalg
import Support

/// A cached float matrix (float32, or float16 read as float32) that is trusted only when it is exactly what was written: the `.npy`
/// file plus its `CheckedFile` record of shape and checksum, written after it. A missing,
/// truncated, resized, edited or non-finite file is reported as invalid with the reason, so the
/// stage that owns it recomputes it instead of using it.
public enum CheckedArrayFile {
    /// Writes `matrix` to `url` at `precision` (`FloatPrecision.array`) and then its record, each atomically.
    public static func write(_ matrix: Matrix, to url: URL, precision: FloatPrecision = .float32) throws {
        try CheckedFile.write(precision.array(matrix).encoded(), to: url, shape: [matrix.rows, matrix.cols])
    }

    /// Records the shape and checksum of the `.npy` file already at `url` (written by other code).
    public static func seal(_ url: URL) throws {
        try CheckedFile.seal(url) { try NPYArray(data: $0, path: url.path).shape }
    }

    /// Reads `url` and checks it against its record (and `columns`, when given).
    public static func read(_ url: URL, columns: Int? = nil) -> CacheVerdict<Matrix> {
        let data: Data, record: CheckedFile.Record
        switch CheckedFile.read(url) {
        case .absent: return .absent
        case let .invalid(reason): return .invalid(reason)
        case let .valid(checked): (data, record) = checked
        }
        let array: NPYArray, matrix: Matrix
        do {
            array = try NPYArray(data: data, path: url.path)
            matrix = try array.matrix(path: url.path)
        } catch { return .invalid("\(error)") }
        guard array.shape == record.shape else {
            return .invalid("\(url.path): shape \(array.shape), recorded \(record.shape.map { "\($0)" } ?? "none")")
        }
        if let columns, matrix.cols != columns {
            return .invalid("\(url.path): \(matrix.cols) columns where \(columns) are expected")
        }
        guard matrix.storage.allSatisfy(\.isFinite) else { return .invalid("\(url.path): holds values that are not finite") }
        return .valid(matrix)
    }

    /// Removes `url` and its record.
    public static func remove(_ url: URL) { CheckedFile.remove(url) }
}
