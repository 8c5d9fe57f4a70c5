import Foundation
import Linalg

/// A PCA stored as three `.npy` files in a folder (`mean`, `components`, `variances`, plus a
/// one-line `whiten` flag), written atomically as a whole.
enum StoredPCA {
    /// Writes `pca` into `folder`, replacing it.
    static func write(_ pca: PCA, to folder: URL) throws {
        try AtomicFile.replaceDirectory(at: folder) { dir in
            try NPYArray(pca.mean).write(to: dir.appendingPathComponent("mean.npy"))
            try NPYArray(pca.components).write(to: dir.appendingPathComponent("components.npy"))
            try NPYArray(pca.variances).write(to: dir.appendingPathComponent("variances.npy"))
            try AtomicFile.write("whiten \(pca.whiten) regularization \(pca.regularization)", to: dir.appendingPathComponent("settings.txt"))
        }
    }

    /// Reads a PCA written by `write`.
    static func read(from folder: URL) throws -> PCA {
        let mean = try NPYArray(contentsOf: folder.appendingPathComponent("mean.npy")).matrix().storage
        let components = try NPYArray(contentsOf: folder.appendingPathComponent("components.npy")).matrix()
        let variances = try NPYArray(contentsOf: folder.appendingPathComponent("variances.npy")).matrix().storage
        let fields = try String(contentsOf: folder.appendingPathComponent("settings.txt"), encoding: .utf8).split(separator: " ")
        guard fields.count == 4, let whiten = Bool(String(fields[1])), let regularization = Float(fields[3]),
              mean.count == components.rows, variances.count == components.cols else {
            throw LinalgError.shape("\(folder.path): stored PCA parts disagree")
        }
        return PCA(mean: mean, components: components, variances: variances, whiten: whiten, regularization: regularization)
    }
}
