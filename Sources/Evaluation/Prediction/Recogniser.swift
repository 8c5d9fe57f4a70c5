import Classifiers
import Datasets
import Foundation
import Runs
import Linalg
import Recognition
import Support

/// What a finished evaluate run keeps to recognise new clips, in `RUN/recogniser/`: the super-block
/// PCA, the clip encoder (vocabulary or GMM, with its pyramid), the trained classifiers (libsvm's
/// chi-squared-kernel SVMs with the training encodings their kernel needs, or the linear SVMs'
/// weights), the classes, the settings, and the bundle the descriptors are made with (its path and
/// the fingerprint of its files).
///
/// `recogniser.json` records the format and the checksum of every other file; `load` refuses a
/// folder of another format, a file that differs from its checksum, or a bundle that moved or
/// changed, each in one line naming it. The folder is replaced atomically when a finish stage writes it.
public struct Recogniser: Sendable {
    /// The classifiers and what they need.
    public enum Classifiers: Sendable {
        /// One chi-squared-kernel SVM per class (libsvm text) over the training encodings (one row
        /// each), with the kernel's mean training distance `mu` the classifiers were trained with.
        case kernel(training: Matrix, meanDistance: Double, models: [Data])
        /// One linear SVM per class.
        case linear([LinearSVM])
    }

    /// Class names, in the order of the scores.
    public var actions: [String]
    /// True when every clip shows one class (predict then names the winner).
    public var singleLabel: Bool
    /// The run's settings.
    public var settings: VideoPipelineSettings
    /// The model bundle folder (absolute path) and the fingerprint of its files.
    public var model: String
    public var modelFingerprint: String
    /// The super-block PCA.
    public var reduction: PCA
    /// The clip encoding.
    public var encoder: ClipEncoder
    /// The classifiers.
    public var classifiers: Classifiers

    /// The format `write` produces and `load` reads.
    static let format = 1
    /// The record's name in the folder.
    static let manifestName = "recogniser.json"

    /// The name of a run's recogniser folder.
    static let folderName = "recogniser"

    /// The folder of a run's recogniser.
    public static func folder(in run: URL) -> URL { run.appendingPathComponent(folderName) }

    /// The record beside the files.
    struct Manifest: Codable {
        var format: Int
        var actions: [String]
        var singleLabel: Bool
        var settings: VideoPipelineSettings
        var model: String
        var modelFingerprint: String
        var encoding: String
        var pyramid: [PyramidGrid]
        var classifier: String
        var trainingCount: Int?
        /// The chi-squared kernel's `mu`; absent in recognisers written before it was recorded (then recomputed on load).
        var kernelMeanDistance: Double?
        var checksums: [String: String]

        enum CodingKeys: String, CodingKey {
            case format, actions, singleLabel = "single_label", settings, model, modelFingerprint = "model_fingerprint", encoding, pyramid
            case classifier, trainingCount = "training_count", kernelMeanDistance = "kernel_mean_distance", checksums
        }
    }

    /// A recogniser from its parts.
    public init(actions: [String], singleLabel: Bool, settings: VideoPipelineSettings, model: String, modelFingerprint: String,
                reduction: PCA, encoder: ClipEncoder, classifiers: Classifiers) {
        self.actions = actions
        self.singleLabel = singleLabel
        self.settings = settings
        self.model = model
        self.modelFingerprint = modelFingerprint
        self.reduction = reduction
        self.encoder = encoder
        self.classifiers = classifiers
    }

    /// The fingerprint of a bundle's files, as recorded.
    public static func fingerprint(ofBundle folder: URL) throws -> String {
        var fingerprint = Fingerprint()
        try fingerprint.combine(filesIn: folder)
        return "\(fingerprint)"
    }

    /// The codebook of the encoder as one matrix: the vocabulary's centroids, or per Gaussian a row of weight, means, variances.
    static func codebook(_ kind: ClipEncoder.Kind) -> (name: String, matrix: Matrix) {
        switch kind {
        case let .bagOfWords(vocabulary): return ("bow", vocabulary.centroids)
        case let .vlad(vocabulary): return ("vlad", vocabulary.centroids)
        case let .fisher(gmm): return ("fisher", gmm.packed)
        }
    }

    /// Writes the recogniser into `RUN/recogniser/`, replacing what was there atomically.
    public func write(to run: URL) throws {
        let codebook = Self.codebook(encoder.kind)
        try AtomicFile.replaceDirectory(at: Self.folder(in: run)) { folder in
            var files: [String: Data] = ["codebook.npy": NPYArray(codebook.matrix).encoded()]
            let pcaFolder = folder.appendingPathComponent("superblock-pca")
            try FileManager.default.createDirectory(at: pcaFolder, withIntermediateDirectories: true)
            try reduction.write(into: pcaFolder)
            var trainingCount: Int?, kernelMeanDistance: Double?
            let classifier: String
            switch classifiers {
            case let .kernel(training, meanDistance, models):
                classifier = "chi2-svm"
                trainingCount = training.rows
                kernelMeanDistance = meanDistance
                files["training-encodings.npy"] = NPYArray(training).encoded()
                for (a, model) in models.enumerated() { files["svm-\(a).model"] = model }
            case let .linear(models):
                classifier = "linear-svm"
                var packed = Matrix(rows: models.count, cols: encoder.dimension + 1)
                for (a, model) in models.enumerated() {
                    for c in 0..<model.weights.count { packed[a, c] = model.weights[c] }
                    packed[a, encoder.dimension] = model.bias
                }
                files["linear-svms.npy"] = NPYArray(packed).encoded()
            }
            for (name, data) in files { try AtomicFile.write(data, to: folder.appendingPathComponent(name)) }
            for name in ["pca_mean.npy", "pca_components.npy", "pca_variances.npy", "pca.json"] {
                files["superblock-pca/" + name] = try Data(contentsOf: pcaFolder.appendingPathComponent(name))
            }
            let manifest = Manifest(format: Self.format, actions: actions, singleLabel: singleLabel, settings: settings, model: model,
                                    modelFingerprint: modelFingerprint, encoding: codebook.name,
                                    pyramid: encoder.pyramid.grids, classifier: classifier,
                                    trainingCount: trainingCount, kernelMeanDistance: kernelMeanDistance,
                                    checksums: files.mapValues(Self.checksum))
            try AtomicFile.write(try JSONEncoder.readable().encode(manifest), to: folder.appendingPathComponent(Self.manifestName))
        }
    }

    static func checksum(_ data: Data) -> String {
        var fingerprint = Fingerprint()
        fingerprint.combine(data)
        return "\(fingerprint)"
    }

    /// Loads the recogniser of the evaluate output folder `run`, checking its format, every file
    /// against its checksum, and that the bundle it names is still there, unchanged.
    public static func load(from run: URL) throws -> Recogniser {
        let folder = Self.folder(in: run)
        let manifestFile = folder.appendingPathComponent(Self.manifestName)
        guard let manifestData = try? Data(contentsOf: manifestFile) else {
            if let own = (try? EvaluationPlan.load(from: run))?.ownDescriptors {
                throw EvaluationError.recogniser(path: run.path, reason: "evaluated the descriptor files in \(own.folder) (--descriptors) and keeps no recogniser: no model here describes new clips as those files were made")
            }
            throw EvaluationError.recogniser(path: folder.path, reason: "no recogniser here; a run keeps one when its finish stage ends (rerun zae-video evaluate with this --out)")
        }
        struct Format: Decodable { var format: Int }
        guard let format = try? JSONDecoder().decode(Format.self, from: manifestData).format else {
            throw EvaluationError.recogniser(path: manifestFile.path, reason: "not a recogniser record")
        }
        guard format == Self.format else {
            throw EvaluationError.recogniser(path: manifestFile.path, reason: "recogniser format \(format), this zae-video reads format \(Self.format); rerun evaluate --stage finish with this version")
        }
        let manifest: Manifest
        do { manifest = try JSONDecoder().decode(Manifest.self, from: manifestData) } catch {
            throw EvaluationError.recogniser(path: manifestFile.path, reason: "not a recogniser record: \(error)")
        }
        func file(_ name: String) throws -> Data {
            let url = folder.appendingPathComponent(name)
            guard let expected = manifest.checksums[name] else { throw EvaluationError.recogniser(path: url.path, reason: "not recorded in recogniser.json") }
            guard let data = try? Data(contentsOf: url) else { throw EvaluationError.recogniser(path: url.path, reason: "missing") }
            guard checksum(data) == expected else { throw EvaluationError.recogniser(path: url.path, reason: "content differs from its recorded checksum (changed or damaged)") }
            return data
        }
        func matrix(_ name: String) throws -> Matrix {
            try NPYArray(data: try file(name), path: folder.appendingPathComponent(name).path).matrix(path: folder.appendingPathComponent(name).path)
        }
        for name in ["pca_mean.npy", "pca_components.npy", "pca_variances.npy", "pca.json"] { _ = try file("superblock-pca/" + name) }
        let reduction = try PCA(contentsOf: folder.appendingPathComponent("superblock-pca"))
        let codebook = try matrix("codebook.npy")
        let kind: ClipEncoder.Kind
        switch manifest.encoding {
        case "bow": kind = .bagOfWords(Vocabulary(centroids: codebook))
        case "vlad": kind = .vlad(Vocabulary(centroids: codebook))
        case "fisher":
            guard let gmm = DiagonalGMM(packed: codebook) else { throw EvaluationError.recogniser(path: folder.appendingPathComponent("codebook.npy").path, reason: "not a packed Gaussian mixture") }
            kind = .fisher(gmm)
        default: throw EvaluationError.recogniser(path: manifestFile.path, reason: "unknown encoding \(manifest.encoding)")
        }
        let pyramid = try SpatioTemporalPyramid(grids: manifest.pyramid)
        let encoder = ClipEncoder(kind: kind, pyramid: pyramid)
        let classifiers: Classifiers
        switch manifest.classifier {
        case "chi2-svm":
            let training = try matrix("training-encodings.npy")
            let meanDistance: Double
            if let recorded = manifest.kernelMeanDistance {
                meanDistance = recorded
            } else {
                do { meanDistance = try ChiSquaredKernel(training: training).meanDistance } catch {
                    throw EvaluationError.recogniser(path: folder.appendingPathComponent("training-encodings.npy").path, reason: "\(error)")
                }
            }
            classifiers = .kernel(training: training, meanDistance: meanDistance,
                                  models: try manifest.actions.indices.map { try file("svm-\($0).model") })
        case "linear-svm":
            let packed = try matrix("linear-svms.npy")
            guard packed.rows == manifest.actions.count, packed.cols == encoder.dimension + 1 else {
                throw EvaluationError.recogniser(path: folder.appendingPathComponent("linear-svms.npy").path, reason: "shape [\(packed.rows), \(packed.cols)] does not fit \(manifest.actions.count) classes of \(encoder.dimension) values")
            }
            classifiers = .linear((0..<packed.rows).map { a in
                LinearSVM(weights: Array(packed.row(a).prefix(encoder.dimension)), bias: packed[a, encoder.dimension], cost: 0)
            })
        default: throw EvaluationError.recogniser(path: manifestFile.path, reason: "unknown classifier \(manifest.classifier)")
        }
        let bundle = URL(fileURLWithPath: manifest.model)
        guard FileManager.default.fileExists(atPath: bundle.appendingPathComponent("model.json").path) else {
            throw EvaluationError.recogniser(path: manifest.model, reason: "the model bundle this run was made with is gone (moved or deleted); put it back there")
        }
        guard try Self.fingerprint(ofBundle: bundle) == manifest.modelFingerprint else {
            throw EvaluationError.recogniser(path: manifest.model, reason: "the model bundle changed since this run was made with it; rerun evaluate, or restore the bundle")
        }
        return Recogniser(actions: manifest.actions, singleLabel: manifest.singleLabel, settings: manifest.settings, model: manifest.model,
                          modelFingerprint: manifest.modelFingerprint, reduction: reduction, encoder: encoder, classifiers: classifiers)
    }

    /// The clip encoding of a described clip (descriptors reduced by `reduction`): the run's encoder
    /// over the super-blocks' relative centres, weighted by their magnitudes, as the finish stage encodes.
    func encoding(of description: DescriptorModel.Description, superBlock: BlockShape) -> [Float] {
        // Rounded as the run's cache stored them, so a run's own clips score as finish scored them.
        let described = DescribedClip(description.descriptors, origins: description.origins, superBlock: superBlock, volume: description.volume)
            .stored(at: settings.descriptors.storage)
        return encoder.encode(descriptors: described.clip.descriptors, weights: described.clip.magnitudes, positions: described.positions)
    }

    /// Scores `[action][clip]` of clips encoded as the rows of `encodings`: each class's decision value.
    public func scores(encodings: Matrix) throws -> [[Double]] {
        switch classifiers {
        case let .kernel(training, meanDistance, models):
            let kernel = ChiSquaredKernel.kernel(encodings, training: training, meanDistance: meanDistance)
            return try models.map { try SVMClassifier(savedModel: $0, trainingCount: training.rows).scores(testKernel: kernel) }
        case let .linear(models):
            return models.map { $0.decisionValues(encodings) }
        }
    }
}
