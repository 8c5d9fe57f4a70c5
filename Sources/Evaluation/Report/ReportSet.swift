import Foundation
import Support

/// A run's report files written as one set: `report.json`, the file `status` and `table` read, is
/// removed first and written last, after the others (each written atomically), so it is there only
/// beside a complete set of the same report; a write that fails half-way (a full disk) leaves no
/// report.json, and nothing says the run finished.
enum ReportSet {
    /// Removes `report.json` from `folder` (before other report files are written there, so none
    /// of them ever sits beside a report.json of another run).
    static func removeMarker(in folder: URL) throws {
        let marker = folder.appendingPathComponent("report.json")
        guard FileManager.default.fileExists(atPath: marker.path) else { return }
        do { try FileManager.default.removeItem(at: marker) } catch {
            throw SupportError.cannotWrite(path: marker.path, reason: FileErrorReason.of(error))
        }
    }

    /// Writes `files` (name and text) and then `json` as `report.json` into `folder`, removing the
    /// `stale` files of an earlier report that this one does not have.
    static func write(_ files: [(name: String, text: String)], json: Data, to folder: URL, stale: [String] = []) throws {
        let marker = folder.appendingPathComponent("report.json")
        try removeMarker(in: folder)
        for name in stale {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do { try FileManager.default.removeItem(at: url) } catch {
                throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.of(error))
            }
        }
        for (name, text) in files { try AtomicFile.write(text, to: folder.appendingPathComponent(name)) }
        try AtomicFile.write(json, to: marker)
    }
}
