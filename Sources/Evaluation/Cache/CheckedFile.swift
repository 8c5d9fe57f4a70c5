import Foundation
import Support

/// A cached or planned file that is trusted only when it is exactly what was written: the file plus
/// a sidecar `<file>.check` recording a checksum of its bytes (and, for an array, its shape),
/// written after it. A missing, truncated, edited or unrecorded file is reported as invalid with the
/// reason, so the stage that owns it makes it again instead of using it. `CheckedArrayFile` adds an
/// array's shape and values; JSON (the super-block PCA's `pca.json` and `sample.json`, `plan.json`)
/// is checked with this alone.
public enum CheckedFile {
    /// The record beside the file.
    struct Record: Codable, Equatable {
        /// The array's shape (nil for a file that is no array).
        var shape: [Int]?
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

    /// Writes `data` to `url` and then its record (with `shape`, for an array), each atomically.
    static func write(_ data: Data, to url: URL, shape: [Int]? = nil) throws {
        try AtomicFile.write(data, to: url)
        try writeRecord(of: data, shape: shape, for: url)
    }

    /// Records the checksum (and `shape`) of the file already at `url` (written by other code).
    static func seal(_ url: URL, shape: (Data) throws -> [Int]? = { _ in nil }) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.of(error)) }
        try writeRecord(of: data, shape: try shape(data), for: url)
    }

    static func writeRecord(of data: Data, shape: [Int]?, for url: URL) throws {
        try AtomicFile.write(try JSONEncoder.canonical().encode(Record(shape: shape, checksum: checksum(data))), to: recordURL(of: url))
    }

    /// The bytes at `url` and their record, when they match it.
    static func read(_ url: URL) -> CacheVerdict<(data: Data, record: Record)> {
        let fm = FileManager.default
        let recordFile = recordURL(of: url)
        guard fm.fileExists(atPath: url.path) else {
            return fm.fileExists(atPath: recordFile.path) ? .invalid("\(url.path): missing, though its record exists") : .absent
        }
        guard let recordData = try? Data(contentsOf: recordFile),
              let record = try? JSONDecoder().decode(Record.self, from: recordData) else {
            return .invalid("\(url.path): no valid checksum record (a killed or older run wrote it)")
        }
        guard let data = try? Data(contentsOf: url) else { return .invalid("\(url.path): unreadable") }
        guard checksum(data) == record.checksum else {
            return .invalid("\(url.path): content differs from its recorded checksum (\(data.count) bytes; truncated or changed)")
        }
        return .valid((data, record))
    }

    /// Removes `url` and its record.
    public static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.removeItem(at: recordURL(of: url))
    }
}
