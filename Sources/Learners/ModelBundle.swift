import Foundation
import Linalg
import Support

/// A trained model on disk: a folder holding `model.json` (kind, dimensions, every hyperparameter,
/// the seed, the per-epoch history, the PCA the inputs must go through, free-form metadata) and
/// one float32 `.npy` file per array (`W.npy`, `c.npy`, ...) that numpy opens directly, and the input PCA
/// as `PCA.write(into:)` stores it (`pca_mean.npy`, `pca_components.npy`, `pca_variances.npy`, `pca.json`).
public struct ModelBundle: Sendable {
    /// The trained model.
    public var model: any LearnedModel
    /// The whitening the model's inputs went through (filled by the caller that fit it).
    public var pca: PCA?
    /// Free-form facts to keep with the model (data source, block count, ...).
    public var metadata: [String: String]

    /// A bundle of `model` with its input PCA and metadata.
    public init(model: any LearnedModel, pca: PCA? = nil, metadata: [String: String] = [:]) {
        self.model = model
        self.pca = pca
        self.metadata = metadata
    }

    /// The manifest's file name.
    public static let manifestName = "model.json"
    static let format = "zae-video model bundle"

    /// Writes the bundle to `folder` atomically, replacing what was there.
    public func write(to folder: URL) throws {
        try writeModel(model, to: folder)
    }

    private func writeModel<M: LearnedModel>(_ model: M, to folder: URL) throws {
        let arrays = model.arrays
        var pcaSection: PCASection?
        let files = arrays.map { ("\($0.key).npy", $0.value) }
        if let pca {
            pcaSection = PCASection(whiten: pca.whiten, regularization: Double(pca.regularization),
                                    inputDimension: pca.inputDimension, outputDimension: pca.outputDimension)
        }
        let manifest = Manifest(format: Self.format, version: 1, kind: model.kind,
                                note: model.kind == .grbm ? "approximate re-implementation of the factored gated RBM baseline" : nil,
                                inputDimension: model.inputDimension, featureCount: model.featureCount,
                                inference: model.inference, seed: model.record.seed, configuration: model.configuration,
                                history: model.record.epochs, arrays: arrays.mapValues(\.shape), pca: pcaSection,
                                metadata: metadata)
        let encoder = JSONEncoder.readable()
        let json = try encoder.encode(manifest)
        try AtomicFile.replaceDirectory(at: folder) { temp in
            for (name, array) in files { try array.write(to: temp.appendingPathComponent(name)) }
            try pca?.write(into: temp)
            try json.write(to: temp.appendingPathComponent(Self.manifestName))
        }
    }

    /// The kind of model stored in `folder`, or nil when it holds no readable bundle manifest
    /// (for refusing to overwrite a different model without `--force`).
    public static func peekKind(at folder: URL) -> ModelKind? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(manifestName)),
              let header = try? JSONDecoder().decode(Header.self, from: data), header.format == format else { return nil }
        return header.kind
    }

    /// Loads the bundle in `folder`, checking that every array file exists and has the shape the
    /// manifest's configuration implies.
    public static func load(from folder: URL) throws -> ModelBundle {
        let manifestURL = folder.appendingPathComponent(manifestName)
        guard let data = try? Data(contentsOf: manifestURL) else {
            throw BundleError.notABundle(path: folder.path, reason: "no readable \(manifestName)")
        }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data) } catch {
            throw BundleError.malformedManifest(path: manifestURL.path, reason: "\(error)")
        }
        guard header.format == format else {
            throw BundleError.notABundle(path: folder.path, reason: "\(manifestName) is not a \(format) manifest")
        }
        switch header.kind {
        case .trec, .tlin: return try load(ZeroBiasAutoencoder.self, manifest: data, folder: folder)
        case .cae: return try load(ContractiveAutoencoder.self, manifest: data, folder: folder)
        case .covae: return try load(CovarianceAutoencoder.self, manifest: data, folder: folder)
        case .grbm: return try load(GatedRBM.self, manifest: data, folder: folder)
        case .kmeans: return try load(SphericalKMeans.self, manifest: data, folder: folder)
        }
    }

    private static func load<M: LearnedModel>(_ type: M.Type, manifest data: Data, folder: URL) throws -> ModelBundle {
        let manifestPath = folder.appendingPathComponent(manifestName).path
        let manifest: Manifest<M.Configuration>
        do { manifest = try JSONDecoder().decode(Manifest<M.Configuration>.self, from: data) } catch {
            throw BundleError.malformedManifest(path: manifestPath, reason: "\(error)")
        }
        guard manifest.configuration.kind == manifest.kind else {
            throw BundleError.malformedManifest(path: manifestPath, reason: "kind \(manifest.kind.rawValue) disagrees with its configuration")
        }
        var arrays: [String: [Float]] = [:]
        for (name, shape) in M.arrayShapes(configuration: manifest.configuration, inputDimension: manifest.inputDimension) {
            arrays[name] = try readArray(folder.appendingPathComponent("\(name).npy"), shape: shape)
        }
        let model = M(configuration: manifest.configuration, inputDimension: manifest.inputDimension, arrays: arrays,
                      record: TrainingRecord(seed: manifest.seed, epochs: manifest.history), inference: manifest.inference)
        guard model.featureCount == manifest.featureCount else {
            throw BundleError.malformedManifest(path: manifestPath, reason: "featureCount \(manifest.featureCount) disagrees with the configuration")
        }
        var pca: PCA?
        if let section = manifest.pca {
            // The PCA's output is the model's input, or one frame of it when frames are whitened
            // apart (the gated RBM): the model's input must be a whole number of PCA outputs.
            guard section.outputDimension > 0, manifest.inputDimension % section.outputDimension == 0 else {
                throw BundleError.malformedManifest(path: manifestPath, reason: "PCA gives \(section.outputDimension) dimensions, the model takes \(manifest.inputDimension)")
            }
            let stored = try PCA(contentsOf: folder)
            guard stored.inputDimension == section.inputDimension, stored.outputDimension == section.outputDimension else {
                throw BundleError.shapeMismatch(path: folder.appendingPathComponent("pca_components.npy").path,
                                                expected: [section.inputDimension, section.outputDimension],
                                                found: [stored.inputDimension, stored.outputDimension])
            }
            pca = stored
        }
        return ModelBundle(model: model, pca: pca, metadata: manifest.metadata)
    }

    /// The float values of the `.npy` file at `url`, which must exist, have `shape` and hold only finite values.
    private static func readArray(_ url: URL, shape: [Int]) throws -> [Float] {
        guard FileManager.default.fileExists(atPath: url.path) else { throw BundleError.missingArray(path: url.path) }
        let array: NPYArray
        do { array = try NPYArray(contentsOf: url) } catch { throw BundleError.unreadableArray(path: url.path, reason: "\(error)") }
        guard array.shape == shape else { throw BundleError.shapeMismatch(path: url.path, expected: shape, found: array.shape) }
        return try array.finiteFloats(path: url.path)
    }

    /// The fields every manifest starts with.
    struct Header: Codable {
        var format: String
        var kind: ModelKind
    }

    /// `model.json`.
    struct Manifest<Configuration: Codable>: Codable {
        var format: String
        var version: Int
        var kind: ModelKind
        var note: String?
        var inputDimension: Int
        var featureCount: Int
        var inference: Inference
        var seed: UInt64
        var configuration: Configuration
        var history: [EpochReport]
        var arrays: [String: [Int]]
        var pca: PCASection?
        var metadata: [String: String]
    }

    /// The manifest's description of the input PCA (its arrays are `pca_*.npy`).
    struct PCASection: Codable {
        var whiten: Bool
        var regularization: Double
        var inputDimension: Int
        var outputDimension: Int
    }
}

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
