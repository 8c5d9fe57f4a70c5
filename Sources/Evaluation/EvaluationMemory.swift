import Foundation
import Learners
import Recognition
import Runs

/// The memory of `evaluate`'s stages, estimated from its settings before any work.
extension MemoryEstimate {
    /// The stages of `evaluate` (`prepare`, `descriptors`, `finish`, as `--stage` names them) for a
    /// model of `features` features: what each stage's job should request.
    ///
    /// - Parameters:
    ///   - features: the model's features per sub-block (its bundle says).
    ///   - inputDimension: the model's whitened input dimension.
    ///   - trainClips, testClips: the dataset's clips.
    public static func evaluate(_ settings: VideoPipelineSettings, features: Int, inputDimension: Int, trainClips: Int, testClips: Int,
                                clip: ClipSize = .hollywood2, workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> MemoryEstimate {
        let s = settings.descriptors
        let block = settings.blocks.shape, blockValues = block.dimension
        func along(_ superBlock: Int, _ block: Int) -> Int { max(0, (superBlock - block) / max(s.subBlockStride, 1) + 1) }
        let subBlocks = along(s.superBlock.frames, block.frames) * along(s.superBlock.height, block.height) * along(s.superBlock.width, block.width)
        let descriptor = subBlocks * features
        let model = Double(blockValues) * Double(inputDimension) * 4 + Double(inputDimension) * Double(features) * 4
        // Per worker: the decoded clip and one batch of 256 super-blocks' raw, whitened and encoded sub-blocks.
        let extraction = clip.volumeBytes(settings.decoding)
            + 256 * Double(subBlocks) * Double(blockValues + inputDimension + features) * 4
        let parallel = Double(max(workers, 1))
        let pcaBatch = 1024 * Double(descriptor) * 4
        return MemoryEstimate(steps: [
            Step(step: EvaluationStage.prepare.rawValue, bytes: processBase + model + parallel * extraction + pcaBatch + pcaFitBytes(dimension: descriptor),
                  detail: "the covariance of \(descriptor)-value super-block descriptors"),
            Step(step: EvaluationStage.descriptors.rawValue, bytes: processBase + model + parallel * extraction,
                  detail: "\(workers) clip\(workers == 1 ? "" : "s") decoded at a time"),
            evaluateFinish(settings, trainClips: trainClips, testClips: testClips, workers: workers),
        ])
    }

    /// `evaluate(_:features:inputDimension:...)` for the model in `bundle`.
    public static func evaluate(_ settings: VideoPipelineSettings, bundle: ModelBundle, trainClips: Int, testClips: Int,
                                workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> MemoryEstimate {
        evaluate(settings, features: bundle.model.featureCount, inputDimension: bundle.model.inputDimension,
                 trainClips: trainClips, testClips: testClips, workers: workers)
    }

    /// The stages of `evaluate --descriptors` on files of the shapes `files`, through the
    /// super-block PCA when `reduce`. Prepare and the descriptor stage read whole clip files,
    /// `workers` at a time (the largest file counted for each); prepare fits the PCA on the files'
    /// width; finish fits the vocabulary on the rows the training clips' files let it sample.
    public static func evaluate(_ settings: VideoPipelineSettings, files: OwnDescriptorShapes, reduce: Bool, clip: ClipSize = .hollywood2,
                                workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> MemoryEstimate {
        let width = Double(files.width), kept = reduce ? min(settings.descriptors.pcaDimensions, files.width) : files.width
        let rows = Double(files.largestRows), parallel = Double(max(workers, 1))
        // Reading a file holds its bytes, their copy and the values (and the values narrowed to floats when stored otherwise).
        func read(_ values: Double) -> Double { values * (3 * Double(files.valueBytes) + (files.valueBytes == 4 ? 0 : 4)) }
        let features = read(rows * width)
        // Prepare: the rows a worker samples for the PCA, then its covariance with the eigen-solver's workspace.
        let sampling = reduce ? rows * width * 4 : 0
        let fit = reduce ? 1024 * width * 4 + pcaFitBytes(dimension: files.width) : 0
        // A described clip: magnitudes, the reduced rows, each row's place (its positions read and the
        // clip decoded), the cached descriptors and their file's bytes; beside the PCA's projection.
        let placing = files.positions ? read(rows * 3) + rows * 12 + clip.volumeBytes(settings.decoding) : 0
        let described = rows * 4 + (reduce ? rows * Double(kept) * 4 : 0) + placing + 2 * rows * Double(kept + 4) * 4
        let projection = reduce ? width * Double(kept) * 4 + width * 8 : 0
        let quota = (settings.vocabulary.sample + max(files.trainRows.count, 1) - 1) / max(files.trainRows.count, 1)
        let sampled = files.trainRows.reduce(0) { $0 + min(quota, $1) }
        let perWorker = "\(workers == 1 ? "1 clip's" : "\(workers) clips'") files of up to \(files.largestRows) rows of \(files.width) values"
        return MemoryEstimate(steps: [
            Step(step: EvaluationStage.prepare.rawValue, bytes: processBase + parallel * (features + sampling) + fit,
                 detail: reduce ? "the covariance of \(files.width)-value descriptors" : perWorker + " read at a time"),
            Step(step: EvaluationStage.descriptors.rawValue, bytes: processBase + projection + parallel * (features + described),
                 detail: perWorker + " described at a time"),
            evaluateFinish(settings, trainClips: files.trainRows.count, testClips: files.testRows.count, workers: workers,
                           descriptorWidth: kept, sampledDescriptors: sampled),
        ])
    }

    /// The `finish` stage of `evaluate`: the larger of the vocabulary (or GMM) fit and the classifiers.
    ///
    /// - Parameters:
    ///   - descriptorWidth: values per cached descriptor (default `descriptors.pcaDimensions`;
    ///     descriptor files used as they are keep their own width).
    ///   - sampledDescriptors: the descriptors the vocabulary is fit on, when known from the clips'
    ///     row counts (default `vocabulary.sample`).
    public static func evaluateFinish(_ settings: VideoPipelineSettings, trainClips: Int, testClips: Int,
                                      workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                      descriptorWidth: Int? = nil, sampledDescriptors: Int? = nil) -> Step {
        let width = Double(descriptorWidth ?? settings.descriptors.pcaDimensions)
        let v = settings.vocabulary, sample = sampledDescriptors ?? v.sample
        let vocabularyRows = Double(sample) * (width + 1) * 4
        let words = Double(min(v.words, sample))
        let clips = Double(trainClips + testClips)
        // The vocabulary: its sample, the centroids and their distances per tile, Yinyang's bounds
        // (a float per row and group of centroids). The classifiers: histograms, the
        // double-precision kernels and libsvm's copy of the training kernel.
        let bounds = LloydIterations.searchBytes(rows: sample, clusters: Int(words))
        let vocabulary = Step(step: EvaluationStage.finish.rawValue,
                              bytes: processBase + 2 * vocabularyRows + 3 * words * width * 4 + words * 4096 * 4 + bounds,
                               detail: "K-means of \(Int(words)) words on \(sample) descriptors")
        let e = settings.encoding
        let cells = Double(e.pyramid.reduce(0) { $0 + $1.cellCount })
        let values: Double
        switch e.method {
        case .bow:
            let kernels = Step(step: EvaluationStage.finish.rawValue, bytes: processBase + cells * (clips * words * 4) + 3 * Double(trainClips) * clips * 8,
                               detail: "chi-squared kernels of \(trainClips) training clips")
            return vocabulary.bytes >= kernels.bytes ? vocabulary : kernels
        case let .vlad(vlad): values = cells * width * Double(min(vlad.words, sample))
        case let .fisher(fisher): values = cells * width * 2 * Double(min(fisher.components, sample))
        }
        // Every clip's encoding, and per worker liblinear's copy of what it trains on (16 bytes a value):
        // the training encodings, or with more values than clips their coordinates in the clips' span
        // (at most one per clip) beside the Gram matrix and its eigenvectors. Like the vocabulary's words,
        // VLAD's words and the GMM's Gaussians are at most the descriptors sampled.
        let n = Double(trainClips)
        let trained = values + 1 > n ? n * n * 16 + 3 * n * n * 4 : n * values * 16
        let classifiers = Step(step: EvaluationStage.finish.rawValue, bytes: processBase + clips * values * 4 + Double(max(workers, 1)) * trained,
                               detail: "linear SVMs on \(Int(values))-value \(e.kind.rawValue) encodings of \(trainClips) training clips")
        return vocabulary.bytes >= classifiers.bytes ? vocabulary : classifiers
    }

    /// The estimate of the stage `stage`, if it has one.
    public func step(_ stage: EvaluationStage) -> Step? { steps.first { $0.step == stage.rawValue } }

    /// The estimate of these stages only.
    public func only(_ stages: [EvaluationStage]) -> MemoryEstimate { only(stages.map(\.rawValue)) }
}
