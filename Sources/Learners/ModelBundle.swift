import Foundation
import Linalg
import Support

/// A trained model on disk: a folder holding `model.json` (the typed, versioned manifest: kind,
/// dimensions, every hyperparameter, the seed, the per-epoch history, the input PCA, how raw blocks
/// were preprocessed and decoded, what the model was trained on, and the whole pipeline settings as
/// nested JSON) and one float32 `.npy` file per array (`W.npy`, `c.npy`, ...) that numpy opens
/// directly, with the input PCA as `PCA.write(into:)` stores it (`pca_*.npy`, `pca.json`).
///
/// Format 2 is written; format 1 bundles (whose facts were a string dictionary) still load.
public struct ModelBundle: Sendable {
    /// The trained model.
    public var model: any LearnedModel
    /// The whitening the model's inputs went through (filled by the caller that fit it).
    public var pca: PCA?
    /// How raw blocks became the model's input, when it learned from video blocks.
    public var preprocessing: Preprocessing?
    /// How frames were decoded, when it learned from video.
    public var decoding: Decoding?
    /// What the model was trained on.
    public var trainingData: TrainingData?
    /// The pipeline settings of the run that made it, as nested JSON.
    public var settings: JSONValue?

    /// A bundle of `model` with its input PCA and the facts of how it was made.
    public init(model: any LearnedModel, pca: PCA? = nil, preprocessing: Preprocessing? = nil, decoding: Decoding? = nil,
                trainingData: TrainingData? = nil, settings: JSONValue? = nil) {
        self.model = model
        self.pca = pca
        self.preprocessing = preprocessing
        self.decoding = decoding
        self.trainingData = trainingData
        self.settings = settings
    }

    /// The manifest's file name.
    public static let manifestName = "model.json"
    /// The file name of the bundle's page (written beside the manifest by `learn`).
    public static let pageName = "model.html"
    static let format = "zae-video model bundle"
    /// The manifest version written; every version from 1 up to it is read.
    public static let version = 2

    /// Writes the bundle to `folder` atomically, replacing what was there; `companions` (file name
    /// -> contents, such as the model's page) appear in the folder in the same step.
    public func write(to folder: URL, companions: [String: Data] = [:]) throws {
        try writeModel(model, to: folder, companions: companions)
    }

    private func writeModel<M: LearnedModel>(_ model: M, to folder: URL, companions: [String: Data]) throws {
        let arrays = model.arrays
        let manifest = Manifest(format: Self.format, version: Self.version, kind: model.kind, note: model.kind.learner.bundleNote,
                                inputDimension: model.inputDimension, featureCount: model.featureCount,
                                inference: model.inference, seed: model.record.seed, configuration: model.configuration,
                                history: model.record.epochs, arrays: arrays.mapValues(\.shape),
                                pca: pca.map { PCASection(whiten: $0.whiten, regularization: Double($0.regularization),
                                                          inputDimension: $0.inputDimension, outputDimension: $0.outputDimension) },
                                preprocessing: preprocessing, decoding: decoding, trainingData: trainingData, settings: settings,
                                metadata: nil)
        let json = try JSONEncoder.readable().encode(manifest)
        // Only the bundle's own files are replaced: a folder given with --force keeps whatever else it holds.
        let previous = Self.fileNames(at: folder)
        try AtomicFile.replaceFiles(in: folder, owned: { previous.contains($0) || Self.isBundleFile($0, arrays: arrays.keys) },
                                    last: Self.manifestName) { temp in
            for (name, array) in arrays { try array.write(to: temp.appendingPathComponent("\(name).npy")) }
            try pca?.write(into: temp)
            try json.write(to: temp.appendingPathComponent(Self.manifestName))
            for (name, contents) in companions { try contents.write(to: temp.appendingPathComponent(name)) }
        }
    }

    /// Whether `name` is a file a bundle with `arrays` writes.
    static func isBundleFile(_ name: String, arrays: some Sequence<String>) -> Bool {
        name == manifestName || name == "pca.json" || (name.hasPrefix("pca_") && name.hasSuffix(".npy"))
            || arrays.contains { "\($0).npy" == name }
    }

    /// The files of the bundle in `folder` by its manifest (none when it holds no readable one).
    static func fileNames(at folder: URL) -> Set<String> {
        struct Arrays: Decodable { var arrays: [String: [Int]]? }
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(manifestName)),
              let manifest = try? JSONDecoder().decode(Arrays.self, from: data) else { return [] }
        let arrays = manifest.arrays?.keys.map { $0 } ?? []
        return Set([manifestName, "pca.json", "pca_mean.npy", "pca_components.npy", "pca_variances.npy"] + arrays.map { "\($0).npy" })
    }

    /// The kind of model stored in `folder`, or nil when it holds no readable bundle manifest
    /// (for refusing to overwrite a different model without `--force`).
    public static func peekKind(at folder: URL) -> ModelKind? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(manifestName)),
              let header = try? JSONDecoder().decode(Header.self, from: data), header.format == format else { return nil }
        return header.kind
    }

    /// Loads the bundle in `folder`, checking the manifest's version, that every array file exists and
    /// has the shape the manifest's configuration implies, and that the stored PCA fits the model.
    public static func load(from folder: URL) throws -> ModelBundle {
        let manifestURL = folder.appendingPathComponent(manifestName)
        if let kind = FileErrorReason.notARegularFile(manifestURL.path) {
            throw LearnerError.notABundle(path: folder.path, reason: kind == "missing" ? "no \(manifestName)" : "its \(manifestName) is \(kind)")
        }
        let data: Data
        do { data = try Data(contentsOf: manifestURL) } catch {
            throw LearnerError.notABundle(path: folder.path, reason: "cannot read \(manifestName): \(FileErrorReason.of(error))")
        }
        let header: Header
        do { header = try JSONProblem.decode(Header.self, from: data) } catch {
            throw LearnerError.malformedManifest(path: manifestURL.path, reason: "\(error)")
        }
        guard header.format == format else {
            throw LearnerError.notABundle(path: folder.path, reason: "\(manifestName) is not a \(format) manifest")
        }
        guard (1...version).contains(header.version) else {
            throw LearnerError.malformedManifest(path: manifestURL.path, reason: "format version \(header.version) is not one this zae-video reads (1 to \(version))"
                                                + (header.version > version ? "; it was written by a newer zae-video" : ""))
        }
        return try load(header.kind.learner.modelType, manifest: data, folder: folder)
    }

    private static func load<M: LearnedModel>(_ type: M.Type, manifest data: Data, folder: URL) throws -> ModelBundle {
        let manifestPath = folder.appendingPathComponent(manifestName).path
        let manifest: Manifest<M.Configuration>
        do { manifest = try JSONProblem.decode(Manifest<M.Configuration>.self, from: data) } catch {
            throw LearnerError.malformedManifest(path: manifestPath, reason: "\(error)")
        }
        guard manifest.configuration.kind == manifest.kind else {
            throw LearnerError.malformedManifest(path: manifestPath, reason: "kind \(manifest.kind.rawValue) disagrees with its configuration")
        }
        let shapes = M.arrayShapes(configuration: manifest.configuration, inputDimension: manifest.inputDimension)
        for (name, recorded) in manifest.arrays.sorted(by: { $0.key < $1.key }) where shapes[name] != recorded {
            throw LearnerError.malformedManifest(path: manifestPath, reason: shapes[name].map {
                "arrays records \(name) as \(recorded), the configuration implies \($0)"
            } ?? "arrays names \(name), which a \(manifest.kind.rawValue) model does not have")
        }
        var arrays: [String: [Float]] = [:]
        for (name, shape) in shapes {
            arrays[name] = try readArray(folder.appendingPathComponent("\(name).npy"), shape: shape)
        }
        let model = M(configuration: manifest.configuration, inputDimension: manifest.inputDimension, arrays: arrays,
                      record: TrainingRecord(seed: manifest.seed, epochs: manifest.history), inference: manifest.inference)
        guard model.featureCount == manifest.featureCount else {
            throw LearnerError.malformedManifest(path: manifestPath, reason: "featureCount \(manifest.featureCount) disagrees with the configuration")
        }
        var pca: PCA?
        if let section = manifest.pca {
            // The PCA's output is the model's input, or one frame of it when frames are whitened
            // apart (the gated RBM): the model's input must be a whole number of PCA outputs.
            guard section.outputDimension > 0, manifest.inputDimension % section.outputDimension == 0 else {
                throw LearnerError.malformedManifest(path: manifestPath, reason: "PCA gives \(section.outputDimension) dimensions, the model takes \(manifest.inputDimension)")
            }
            let stored = try PCA(contentsOf: folder)
            guard stored.inputDimension == section.inputDimension, stored.outputDimension == section.outputDimension else {
                throw LearnerError.shapeMismatch(path: folder.appendingPathComponent("pca_components.npy").path,
                                                expected: [section.inputDimension, section.outputDimension],
                                                found: [stored.inputDimension, stored.outputDimension])
            }
            pca = stored
        }
        var bundle = ModelBundle(model: model, pca: pca, preprocessing: manifest.preprocessing, decoding: manifest.decoding,
                                 trainingData: manifest.trainingData, settings: manifest.settings)
        if let metadata = manifest.metadata {
            do { try bundle.adoptFormat1(metadata) } catch { throw LearnerError.malformedManifest(path: manifestPath, reason: "\(error)") }
        }
        return bundle
    }

    /// The float values of the `.npy` file at `url`, which must exist, have `shape` and hold only finite values.
    private static func readArray(_ url: URL, shape: [Int]) throws -> [Float] {
        switch FileErrorReason.notARegularFile(url.path) {
        case "missing": throw LearnerError.missingArray(path: url.path)
        case let kind?: throw LearnerError.unreadableArray(path: url.path, reason: kind)
        case nil: break
        }
        let array: NPYArray
        do { array = try NPYArray(contentsOf: url) } catch let LinalgError.unreadable(_, reason), let LinalgError.notNPY(_, reason) {
            throw LearnerError.unreadableArray(path: url.path, reason: reason)
        }
        guard array.shape == shape else { throw LearnerError.shapeMismatch(path: url.path, expected: shape, found: array.shape) }
        return try array.finiteFloats(path: url.path)
    }

    /// The fields every manifest starts with.
    struct Header: Codable {
        var format: String
        var version: Int
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
        var preprocessing: Preprocessing?
        var decoding: Decoding?
        var trainingData: TrainingData?
        var settings: JSONValue?
        /// Format 1's facts as strings (read, never written).
        var metadata: [String: String]?
    }

    /// The manifest's description of the input PCA (its arrays are `pca_*.npy`).
    struct PCASection: Codable {
        var whiten: Bool
        var regularization: Double
        var inputDimension: Int
        var outputDimension: Int
    }
}
