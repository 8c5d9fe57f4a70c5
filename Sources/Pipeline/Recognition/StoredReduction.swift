import Foundation
import Support
import Linalg

/// The cached super-block PCA: a folder in the shared stored-PCA format (`pca_*.npy`, `pca.json`)
/// whose arrays are each sealed with a shape and checksum record, so a damaged one is refit.
enum StoredReduction {
    static let arrays = ["pca_mean.npy", "pca_components.npy", "pca_variances.npy"]

    /// Writes `pca` into `folder` (replacing it atomically) with a record per array.
    static func write(_ pca: PCA, to folder: URL) throws {
        try AtomicFile.replaceDirectory(at: folder) { temp in
            try pca.write(into: temp)
            for name in arrays { try CheckedArrayFile.seal(temp.appendingPathComponent(name)) }
        }
    }

    /// The PCA in `folder`, when every array matches its record.
    static func read(_ folder: URL) -> CacheVerdict<PCA> {
        guard FileManager.default.fileExists(atPath: folder.path) else { return .absent }
        for name in arrays {
            switch CheckedArrayFile.read(folder.appendingPathComponent(name)) {
            case .valid: continue
            case .absent: return .invalid("\(folder.appendingPathComponent(name).path): missing")
            case let .invalid(reason): return .invalid(reason)
            }
        }
        do { return .valid(try PCA(contentsOf: folder)) } catch { return .invalid("\(error)") }
    }
}
