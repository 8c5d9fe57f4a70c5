import Foundation
import Learners
import Linalg

/// Turns the pipeline's model settings into a learner and trains it: the one place that knows how
/// each `ModelKind` maps onto its configuration.
public enum LearnerFactory {
    /// Why the settings name no trainable model.
    public struct UnknownModel: Error, CustomStringConvertible {
        /// The name given.
        public var name: String
        public var description: String {
            "unknown model \"\(name)\" (choose one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")))"
        }
    }

    /// The model kind the settings name.
    public static func kind(of settings: VideoPipelineSettings.Model) throws -> ModelKind {
        guard let kind = ModelKind(rawValue: settings.kind) else { throw UnknownModel(name: settings.kind) }
        return kind
    }

    /// Whether the model wants each frame whitened separately (its input is a stack of frames).
    public static func whitensFramesSeparately(_ kind: ModelKind) -> Bool { kind == .grbm }

    /// The configuration of a `kind` learner with `features` hidden units trained as `training` says,
    /// for inputs of `inputDimension` values (`frames` stacked frames for models that see a block as frames).
    public static func configuration(kind: ModelKind, features: Int, training: LearnerSettings,
                                     inputDimension: Int, frames: Int) -> any LearnerConfiguration {
        let sgd = training.sgd
        switch kind {
        case .trec, .tlin:
            return ZeroBiasAutoencoder.Configuration(activation: kind == .trec ? .trec : .tlin, features: features,
                                                     theta: training.theta, initialNorm: training.initialNorm, sgd: sgd)
        case .cae:
            return ContractiveAutoencoder.Configuration(features: features, strength: training.contraction,
                                                        initialNorm: training.initialNorm, sgd: sgd)
        case .covae:
            return CovarianceAutoencoder.Configuration(features: features, factors: training.factors(features: features),
                                                       initialNorm: training.initialNorm, sgd: sgd)
        case .grbm:
            return GatedRBM.Configuration(features: features, factors: training.factors(features: features), framesPerBlock: frames,
                                          frameDimension: inputDimension / max(frames, 1), initialNorm: training.initialNorm, sgd: sgd)
        case .kmeans:
            return SphericalKMeans.Configuration(features: features, iterations: training.epochs(for: .kmeans))
        }
    }

    /// Trains the model the settings describe on whitened rows `data`.
    ///
    /// - Parameter frames: frames per block, for models that see a block as a stack of frames.
    public static func train(_ settings: VideoPipelineSettings.Model, data: Matrix, frames: Int,
                             checkpoint: CheckpointPolicy?, progress: ProgressHandler?) throws -> any LearnedModel {
        guard let seed = UInt64(exactly: settings.seed) else {
            throw VideoPipelineSettings.InvalidSetting(setting: "model.seed", reason: "must not be negative, got \(settings.seed)")
        }
        return try configuration(kind: kind(of: settings), features: settings.features, training: settings.training,
                                 inputDimension: data.cols, frames: frames)
            .fit(data, seed: seed, checkpoint: checkpoint, progress: progress)
    }
}
