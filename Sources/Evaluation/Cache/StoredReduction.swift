import Foundation
import Linalg
import Runs
import Support

/// The cached super-block PCA: a folder in the shared stored-PCA format (`pca_*.npy`, `pca.json`)
/// and `sample.json`, the number of descriptors it was fit on and each training clip's super-block
/// count (what the vocabulary's sample is drawn from, `VocabularySample`); every one of its files is sealed with
/// a checksum record (the arrays with their shape too), so a damaged or edited one, JSON included,
/// is refit rather than used.
enum StoredReduction {
    static let arrays = ["pca_mean.npy", "pca_components.npy", "pca_variances.npy"]
    /// The whole eigenvalue spectrum, sealed like the arrays where it is stored (caches written
    /// before it was recorded have none).
    static let spectrum = "pca_spectrum.npy"
    /// The file recording the sample's size.
    static let sampleFile = "sample.json"
    /// The stored PCA's settings (whitening, regularization, sizes).
    static let settingsFile = "pca.json"

    /// A fitted super-block PCA, the number of descriptors (rows) it was fit on, and the super-blocks
    /// of each training clip that gave some, by name.
    struct Fit: Equatable {
        var pca: PCA
        var sampleRows: Int
        var clipRows: [String: Int]
    }

    /// The sample record's contents.
    private struct Sample: Codable {
        var rows: Int
        var clipRows: [String: Int]?

        enum CodingKeys: String, CodingKey { case rows, clipRows = "clip_rows" }
    }

    /// Writes `fit` into `folder` (replacing it atomically) with a record per array.
    static func write(_ fit: Fit, to folder: URL) throws {
        try AtomicFile.replaceDirectory(at: folder) { temp in
            try fit.pca.write(into: temp)
            for name in arrays + (fit.pca.spectrum == nil ? [] : [spectrum]) { try CheckedArrayFile.seal(temp.appendingPathComponent(name)) }
            try CheckedFile.seal(temp.appendingPathComponent(settingsFile))
            try CheckedFile.write(try JSONEncoder.readable().encode(Sample(rows: fit.sampleRows, clipRows: fit.clipRows)), to: temp.appendingPathComponent(sampleFile))
        }
    }

    /// The PCA in `folder` and its sample's size, when every array matches its record and the sample is recorded.
    static func read(_ folder: URL) -> CacheVerdict<Fit> {
        guard FileManager.default.fileExists(atPath: folder.path) else { return .absent }
        let hasSpectrum = FileManager.default.fileExists(atPath: folder.appendingPathComponent(spectrum).path)
        for name in arrays + (hasSpectrum ? [spectrum] : []) {
            switch CheckedArrayFile.read(folder.appendingPathComponent(name)) {
            case .valid: continue
            case .absent: return .invalid("\(folder.appendingPathComponent(name).path): missing")
            case let .invalid(reason): return .invalid(reason)
            }
        }
        for name in [settingsFile, sampleFile] {
            switch CheckedFile.read(folder.appendingPathComponent(name)) {
            case .valid: continue
            case .absent: return .invalid("\(folder.appendingPathComponent(name).path): missing")
            case let .invalid(reason): return .invalid(reason)
            }
        }
        let sampleURL = folder.appendingPathComponent(sampleFile)
        guard let data = try? Data(contentsOf: sampleURL), let sample = try? JSONDecoder().decode(Sample.self, from: data), sample.rows > 0 else {
            return .invalid("\(sampleURL.path): not a sample record")
        }
        guard let clipRows = sample.clipRows else {
            return .invalid("\(sampleURL.path): records no super-block count per clip (an older zae-video fit it)")
        }
        do { return .valid(Fit(pca: try PCA(contentsOf: folder), sampleRows: sample.rows, clipRows: clipRows)) } catch { return .invalid("\(error)") }
    }
}
