import Datasets
import Foundation
import Learners
import Recognition
import Runs
import Support

/// A model bundle opened for describing clips: the bundle and the descriptor extractor built from
/// it and the pipeline settings (super-block grid, the bundle's block whitening and encoder).
struct DescriptorModel {
    /// The bundle.
    let bundle: ModelBundle
    /// Dense super-block descriptors with this bundle's features.
    let extractor: DescriptorExtractor

    /// Opens the bundle at `folder`; refuses one whose preprocessing does not match `settings`, which
    /// must be valid (`VideoPipelineSettings.validate()`: the prepare stage checks its settings, the
    /// other stages read checked ones from the plan).
    init(folder: URL, settings: VideoPipelineSettings) throws {
        let bundle = try ModelBundle.load(from: folder)
        let whitening: PatchWhitening
        do {
            try bundle.checkMatches(settings)
            whitening = try bundle.patchWhitening()
        } catch {
            throw EvaluationError.bundle(path: folder.path, reason: "\(error)")
        }
        let d = settings.descriptors
        let grid = try SuperBlockGrid(superBlock: d.superBlock, stride: d.stride, subBlock: whitening.shape,
                                      subBlockStride: BlockShape(frames: d.subBlockStride, height: d.subBlockStride, width: d.subBlockStride))
        do { extractor = try DescriptorExtractor(grid: grid, preprocessing: whitening, encoder: bundle.model) } catch {
            throw EvaluationError.bundle(path: folder.path, reason: "\(error)")
        }
        self.bundle = bundle
    }

    /// What the report says about the model.
    func summary(folder: URL) -> ModelSummary {
        ModelSummary(kind: bundle.model.kind, features: bundle.model.featureCount, bundle: folder.path, inference: bundle.model.inference)
    }
}
