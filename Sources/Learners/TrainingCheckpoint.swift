import Foundation
import Linalg
import Support

/// Where a training run saves its state after every epoch, and whether to continue from it.
///
/// The folder holds `checkpoint.json` (model kind, hyperparameters, seed, data shape and checksum,
/// history) and `parameters.npy` / `velocity.npy` (the flat parameter and momentum vectors), replaced
/// atomically after each epoch. Shuffles and samples are derived from the seed and the epoch number,
/// so a resumed run produces the same model as an uninterrupted one. The caller removes the folder
/// once the model bundle is written.
public struct CheckpointPolicy: Sendable, Equatable {
    /// The checkpoint folder.
    public var folder: URL
    /// Continue from the checkpoint in `folder` when there is one (a missing one starts afresh).
    public var resume: Bool

    /// A policy saving to `folder`, resuming from it when `resume` is set.
    public init(folder: URL, resume: Bool) {
        self.folder = folder
        self.resume = resume
    }
}

/// The identity of a training run and its optional checkpoint policy.
struct TrainingRun {
    /// The model trained.
    var kind: ModelKind
    /// The hyperparameters as canonical JSON.
    var configuration: String
    /// The run's seed.
    var seed: UInt64
    /// Where to keep checkpoints, if anywhere.
    var checkpoint: CheckpointPolicy?

    /// The manifest of a checkpoint folder.
    struct Manifest: Codable {
        var kind: ModelKind
        var configuration: String
        var seed: UInt64
        var data: DataFingerprint
        var record: TrainingRecord
    }

    /// The saved state to continue from, when resuming and the folder holds a checkpoint of this run.
    func resumableState(data: DataFingerprint) throws -> (parameters: [Float], velocity: [Float], record: TrainingRecord)? {
        guard let policy = checkpoint, policy.resume else { return nil }
        let manifestURL = policy.folder.appendingPathComponent("checkpoint.json")
        guard FileManager.default.fileExists(atPath: manifestURL.path) else { return nil }
        let path = policy.folder.path
        let manifest: Manifest
        do { manifest = try JSONProblem.decode(Manifest.self, from: Data(contentsOf: manifestURL)) } catch let SupportError.invalidJSON(problem) {
            throw LearnerError.incompatibleCheckpoint(path: path, reason: "unreadable checkpoint.json: \(problem)")
        } catch {
            throw LearnerError.incompatibleCheckpoint(path: path, reason: "unreadable checkpoint.json: \(FileErrorReason.of(error))")
        }
        let mismatch: String? =
            manifest.kind != kind ? "it trains \(manifest.kind.rawValue), not \(kind.rawValue)" :
            manifest.configuration != configuration ? "hyperparameters differ: \(manifest.configuration)" :
            manifest.seed != seed ? "seed \(manifest.seed), not \(seed)" :
            manifest.data != data ? "the training data differ (\(manifest.data.shape) vs \(data.shape))" : nil
        if let mismatch { throw LearnerError.incompatibleCheckpoint(path: path, reason: mismatch) }
        let parameters = try flatArray("parameters.npy")
        let velocity = try flatArray("velocity.npy")
        return (parameters, velocity, manifest.record)

        func flatArray(_ name: String) throws -> [Float] {
            do {
                let array = try NPYArray(contentsOf: policy.folder.appendingPathComponent(name))
                return try array.matrix(path: name).storage
            } catch {
                throw LearnerError.incompatibleCheckpoint(path: path, reason: "\(error)")
            }
        }
    }

    /// Replaces the checkpoint folder with the state after the last epoch in `record` (no-op without a policy).
    func saveCheckpoint(record: TrainingRecord, parameters: [Float], velocity: [Float], data: DataFingerprint) throws {
        guard let policy = checkpoint else { return }
        let manifest = Manifest(kind: kind, configuration: configuration, seed: seed, data: data, record: record)
        let encoder = JSONEncoder.readable()
        let json = try encoder.encode(manifest)
        try AtomicFile.replaceDirectory(at: policy.folder) { folder in
            try json.write(to: folder.appendingPathComponent("checkpoint.json"))
            try NPYArray(parameters).write(to: folder.appendingPathComponent("parameters.npy"))
            try NPYArray(velocity).write(to: folder.appendingPathComponent("velocity.npy"))
        }
    }
}

/// A cheap fingerprint of training data (shape and a position-weighted sum), to notice resuming on other data.
struct DataFingerprint: Codable, Equatable {
    var shape: [Int]
    var checksum: String

    /// The fingerprint of `data`; with `needed` false (no checkpointing) the values are not read.
    init(_ data: Matrix, needed: Bool = true) {
        shape = [data.rows, data.cols]
        var fingerprint = Fingerprint()
        if needed { data.storage.withUnsafeBytes { fingerprint.combine($0) } }
        checksum = fingerprint.description
    }
}
