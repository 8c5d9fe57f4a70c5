import Foundation
import Support

extension PCA {
    /// How a stored PCA is laid out in a folder: `pca_mean.npy`, `pca_components.npy`,
    /// `pca_variances.npy`, `pca_spectrum.npy` when the spectrum is known (float32, numpy-readable)
    /// and `pca.json` (whitening and regularisation).
    /// Model bundles and the recognition cache both store their PCAs this way.
    struct StoredSettings: Codable {
        var whiten: Bool
        var regularization: Float
    }

    /// Writes the PCA's files into `folder` (each atomically).
    public func write(into folder: URL) throws {
        try NPYArray(mean).write(to: folder.appendingPathComponent("pca_mean.npy"))
        try NPYArray(components).write(to: folder.appendingPathComponent("pca_components.npy"))
        try NPYArray(variances).write(to: folder.appendingPathComponent("pca_variances.npy"))
        if let spectrum { try NPYArray(spectrum).write(to: folder.appendingPathComponent("pca_spectrum.npy")) }
        try AtomicFile.write(JSONEncoder().encode(StoredSettings(whiten: whiten, regularization: regularization)),
                             to: folder.appendingPathComponent("pca.json"))
    }

    /// Reads a PCA written by `write(into:)`; errors name the file that is missing or does not fit.
    public init(contentsOf folder: URL) throws {
        let settingsFile = folder.appendingPathComponent("pca.json")
        let settings: StoredSettings
        do { settings = try JSONProblem.decode(StoredSettings.self, from: Data(contentsOf: settingsFile)) } catch {
            throw LinalgError.unreadable(path: settingsFile.path, reason: (error as? SupportError).map(\.description) ?? FileErrorReason.of(error))
        }
        let meanFile = folder.appendingPathComponent("pca_mean.npy")
        let componentsFile = folder.appendingPathComponent("pca_components.npy")
        let variancesFile = folder.appendingPathComponent("pca_variances.npy")
        let mean = try NPYArray(contentsOf: meanFile).matrix(path: meanFile.path).storage
        let components = try NPYArray(contentsOf: componentsFile).matrix(path: componentsFile.path)
        let variances = try NPYArray(contentsOf: variancesFile).matrix(path: variancesFile.path).storage
        guard mean.count == components.rows else {
            throw LinalgError.unexpected(path: meanFile.path, reason: "holds \(mean.count) values, but pca_components.npy is \(components.rows) x \(components.cols): the mean needs \(components.rows)")
        }
        guard variances.count == components.cols else {
            throw LinalgError.unexpected(path: variancesFile.path, reason: "holds \(variances.count) values, but pca_components.npy is \(components.rows) x \(components.cols): the variances need \(components.cols)")
        }
        if let bad = variances.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            // A variance is the squared spread along a component: a whitening divides by its root.
            throw LinalgError.unexpected(path: variancesFile.path, reason: "variance \(bad) is \(variances[bad]); variances must be positive and finite")
        }
        let spectrumFile = folder.appendingPathComponent("pca_spectrum.npy")
        var spectrum: [Float]?
        if FileManager.default.fileExists(atPath: spectrumFile.path) {
            let values = try NPYArray(contentsOf: spectrumFile).matrix(path: spectrumFile.path).storage
            guard values.count == components.rows, values.allSatisfy(\.isFinite) else {
                throw LinalgError.unexpected(path: spectrumFile.path, reason: "holds \(values.count) values, not the \(components.rows) finite eigenvalues of pca_components.npy's input")
            }
            spectrum = values
        }
        self.init(mean: mean, components: components, variances: variances, whiten: settings.whiten, regularization: settings.regularization,
                  spectrum: spectrum)
    }
}
