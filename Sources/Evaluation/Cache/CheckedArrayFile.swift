import Foundation
import Linalg
import Runs
import Support

/// A cached float32 matrix that is trusted only when it is exactly what was written: the `.npy`
/// file plus a sidecar `<file>.check` recording its shape and a checksum of its bytes, written
/// after it. A missing, truncated, resized, edited or non-finite file is reported as invalid with
/// the reason, so the stage that owns it recomputes it instead of using it.
public enum CheckedArrayFile {
    /// The record beside the array.
    struct Record: Codable, Equatable {
        var shape: [Int]
        var checksum: String
    }

    /// Where the record of `url` lives.
    static func recordURL(of url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".check")
    }

    /// The checksum of a file's bytes.
    static func checksum(_ data: Data) -> String {
        var fingerprint = Fingerprint()
        fingerprint.combine(data)
        return "\(fingerprint)"
    }

    /// Writes `matrix` to `url` and then its record, each atomically.
    public static func write(_ matrix: Matrix, to url: URL) throws {
        let data = NPYArray(matrix).encoded()
        try AtomicFile.write(data, to: url)
        try writeRecord(of: data, shape: [matrix.rows, matrix.cols], for: url)
    }

    /// Records the shape and checksum of the `.npy` file already at `url` (written by other code).
    public static func seal(_ url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw NPYArray.Failure.unreadable(path: url.path, reason: "\(error)") }
        try writeRecord(of: data, shape: try NPYArray(data: data, path: url.path).shape, for: url)
    }

    static func writeRecord(of data: Data, shape: [Int], for url: URL) throws {
        let record = Record(shape: shape, checksum: checksum(data))
        try AtomicFile.write(try JSONEncoder.canonical().encode(record), to: recordURL(of: url))
    }

    /// Reads `url` and checks it against its record (and `columns`, when given).
    public static func read(_ url: URL, columns: Int? = nil) -> CacheVerdict<Matrix> {
        let fm = FileManager.default
        let recordFile = recordURL(of: url)
        guard fm.fileExists(atPath: url.path) else {
            return fm.fileExists(atPath: recordFile.path) ? .invalid("\(url.path): missing, though its record exists") : .absent
        }
        guard let recordData = try? Data(contentsOf: recordFile),
              let record = try? JSONDecoder().decode(Record.self, from: recordData) else {
            return .invalid("\(url.path): no valid shape and checksum record (a killed or older run wrote it)")
        }
        guard let data = try? Data(contentsOf: url) else { return .invalid("\(url.path): unreadable") }
        guard checksum(data) == record.checksum else {
            return .invalid("\(url.path): content differs from its recorded checksum (\(data.count) bytes; truncated or changed)")
        }
        let array: NPYArray, matrix: Matrix
        do {
            array = try NPYArray(data: data, path: url.path)
            matrix = try array.matrix(path: url.path)
        } catch { return .invalid("\(error)") }
        guard array.shape == record.shape else {
            return .invalid("\(url.path): shape \(array.shape), recorded \(record.shape)")
        }
        if let columns, matrix.cols != columns {
            return .invalid("\(url.path): \(matrix.cols) columns where \(columns) are expected")
        }
        guard matrix.storage.allSatisfy(\.isFinite) else { return .invalid("\(url.path): holds values that are not finite") }
        return .valid(matrix)
    }

    /// Removes `url` and its record.
    public static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.removeItem(at: recordURL(of: url))
    }
}
