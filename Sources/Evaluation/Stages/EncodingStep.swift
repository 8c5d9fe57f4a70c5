import Classifiers
import Datasets
import Foundation
import Linalg
import Recognition
import Runs
import Support

/// What a report records about how clips were encoded and classified.
public struct EncodingSummary: Codable, Sendable, Equatable {
    /// bow, vlad or fisher.
    public var kind: String
    /// The pyramid's grids, [frames, height, width] cells each.
    public var pyramid: [PyramidGrid]
    /// Length of a clip's encoding.
    public var dimension: Int
    /// The classifier, in words.
    public var classifier: String
    /// The cost C the classifiers were trained with.
    public var cost: Double
    /// Linear SVMs: the mean cross-validated AP of each cost tried (`settings.encoding.linearCosts`).
    public var validationAP: [Double]?
    /// Bag of words and VLAD: the vocabulary's words used.
    public var words: Int?
    /// Fisher vectors: the GMM's Gaussians used.
    public var gaussians: Int?
    /// Settings the run could not use as given (more words than descriptors, more folds than
    /// training clips, ...), with the values it used; empty when it ran as asked.
    public var adjustedSettings: [SettingAdjustment]?

    enum CodingKeys: String, CodingKey {
        case kind, pyramid, dimension, classifier, cost, validationAP = "validation_ap", words, gaussians, adjustedSettings = "adjusted_settings"
    }

    /// One line for report.md.
    public var sentence: String {
        let grids = pyramid.map(\.description).joined(separator: " + ")
        let name = ["bow": "bag of words", "vlad": "VLAD", "fisher": "Fisher vectors"][kind] ?? kind
        let codebook = words.map { ", \($0) words" } ?? gaussians.map { ", \($0) Gaussians" } ?? ""
        return "Encoding: \(name) over the spatio-temporal grids \(grids) (\(dimension) values per clip\(codebook)); \(classifier)."
    }
}

/// The recognition protocol's last stage for every encoding: the model the encoding needs (the
/// K-means vocabulary for a bag of words or VLAD, the GMM for Fisher vectors; each fit on
/// descriptors sampled evenly from the training clips and cached), every clip's encoding over the
/// pyramid, and the classifiers: chi-squared kernel libsvm SVMs for a bag of words, linear liblinear
/// SVMs with a cross-validated C for VLAD and Fisher vectors. Returns the test scores per action,
/// and the encoder and classifiers (what a `Recogniser` keeps to score new clips).
struct EncodingStep {
    /// Every setting.
    var settings: VideoPipelineSettings
    /// The cache folder.
    var cache: URL
    /// The fingerprint of the descriptors and the training clips the models are fit on.
    var fingerprint: Fingerprint
    /// The plan's settings: how the descriptors are stored, and the sample kept exact beside 16-bit ones.
    var planSettings: VideoPipelineSettings
    /// The training clips, in plan order, whose sampled rows the descriptor stage kept exact (those
    /// prepare counted rows of) beside 16-bit descriptors, by descriptor file name.
    var keptClips: [String]

    /// Scores `[action][test clip]` of the clips in `test`, classifiers trained on `train` with labels `[clip][action]`.
    func scores(train: [URL], test: [URL], labels: [[Bool]], actions: [String],
                events: @escaping @Sendable (EvaluationEvent) -> Void) throws
        -> (scores: [[Double]], summary: EncodingSummary, encoder: ClipEncoder, classifiers: Recogniser.Classifiers) {
        let e = settings.encoding
        let pyramid = try SpatioTemporalPyramid(grids: e.pyramid)
        let kind: ClipEncoder.Kind, modelPrint: Fingerprint
        // K-means and EM get at most as many words or Gaussians as descriptors were sampled (then as many as that).
        let tooFew = { (used: Int) in "the training descriptors sampled number only \(used)" }
        var adjusted: [SettingAdjustment?] = []
        var codebook: (words: Int?, gaussians: Int?)
        switch e.method {
        case .bow:
            let (vocabulary, print) = try fitVocabulary(files: train, words: settings.vocabulary.words, model: .vocabulary, events: events)
            codebook.words = vocabulary.wordCount
            adjusted.append(.ifChanged("vocabulary.words", requested: settings.vocabulary.words, used: vocabulary.wordCount,
                                       reason: tooFew(vocabulary.wordCount)))
            (kind, modelPrint) = (.bagOfWords(vocabulary), print)
        case let .vlad(vlad):
            let (vocabulary, print) = try fitVocabulary(files: train, words: vlad.words, model: .vladVocabulary, events: events)
            codebook.words = vocabulary.wordCount
            adjusted.append(.ifChanged("encoding.vladWords", requested: vlad.words, used: vocabulary.wordCount, reason: tooFew(vocabulary.wordCount)))
            (kind, modelPrint) = (.vlad(vocabulary), print)
        case let .fisher(fisher):
            let (gmm, print) = try fitMixture(files: train, fisher: fisher, events: events)
            codebook.gaussians = gmm.componentCount
            adjusted.append(.ifChanged("encoding.gmmComponents", requested: fisher.components, used: gmm.componentCount,
                                       reason: tooFew(gmm.componentCount)))
            (kind, modelPrint) = (.fisher(gmm), print)
        }
        let encoder = ClipEncoder(kind: kind, pyramid: pyramid)
        let encodings = try encode(train + test, encoder: encoder, folder: try encodingFolder(modelPrint: modelPrint), events: events)
        let trainEncodings = encodings.rows(0..<train.count), testEncodings = encodings.rows(train.count..<encodings.rows)
        var summary = EncodingSummary(kind: e.kind.rawValue, pyramid: e.pyramid, dimension: encoder.dimension, classifier: "", cost: 0,
                                      words: codebook.words, gaussians: codebook.gaussians)
        // Cross-validation deals the training clips to the folds: more folds than clips leave some empty.
        let svms = e.linearSVMsInUse
        let folds = min(svms?.folds ?? 0, train.count)
        if let svms, svms.costs.count > 1 {
            adjusted.append(.ifChanged("encoding.folds", requested: svms.folds, used: folds, reason: "there are only \(train.count) training clips"))
        }
        summary.adjustedSettings = adjusted.compactMap { $0 }
        do {
            guard let svms else {
                events(.stage(.kernelSVMs(actions: actions.count), cached: false))
                let kernel = try ChiSquaredKernel(training: trainEncodings)
                let trained = try OneVsRestEvaluation.train(trainingKernel: kernel.trainingKernel, testKernel: kernel.kernel(against: testEncodings),
                                                            trainingLabels: labels, settings: SVMSettings(cost: settings.classifier.c))
                summary.classifier = "chi-squared kernel SVMs (libsvm), C = \(settings.classifier.c)"
                summary.cost = settings.classifier.c
                return (trained.map(\.scores), summary, encoder, .kernel(training: trainEncodings, meanDistance: kernel.meanDistance, models: trained.map(\.savedModel)))
            }
            events(.stage(.linearSVMs(actions: actions.count, folds: folds), cached: false))
            let result = try LinearOneVsRest.scores(training: trainEncodings, test: testEncodings, labels: labels, costs: svms.costs,
                                                    folds: folds, seed: UInt64(settings.vocabulary.seed))
            summary.classifier = "linear SVMs (liblinear), C = \(result.cost) chosen among \(svms.costs) by \(folds)-fold cross-validation on the training clips"
            summary.cost = result.cost
            summary.validationAP = result.validationAP
            return (result.scores, summary, encoder, .linear(result.models))
        } catch let ClassifierError.action(index, inner) {
            throw EvaluationError.action(name: actions[index], reason: "\(inner)")
        }
    }

    /// The cache file of a K-means vocabulary of `words` words, and its fingerprint.
    func vocabularyCache(words: Int, model: EvaluationStep.EncodingModel) throws -> (file: URL, print: Fingerprint) {
        var print = fingerprint
        var v = settings.vocabulary
        v.words = words
        try print.combine(json: v)
        return (cache.appendingPathComponent("\(model.rawValue)-\(print).npy"), print)
    }

    /// The cache file of the Fisher vectors' GMM, and its fingerprint.
    func mixtureCache(_ fisher: EncodingSettings.Fisher) throws -> (file: URL, print: Fingerprint) {
        var print = fingerprint
        try print.combine(json: settings.vocabulary)
        try print.combine(json: [Double(fisher.components), Double(fisher.iterations), fisher.varianceFloor])
        return (cache.appendingPathComponent("gmm-\(print).npy"), print)
    }

    /// The folder of the clips' encodings by the vocabulary or GMM of fingerprint `modelPrint`.
    func encodingFolder(modelPrint: Fingerprint) throws -> URL {
        var print = modelPrint
        try print.combine(json: [settings.encoding.kind.rawValue])
        try print.combine(json: settings.encoding.pyramid)
        return cache.appendingPathComponent("encodings-\(print)")
    }

    /// True unless the vocabulary or GMM and every clip's encoding (clips named by their descriptor
    /// files) are cached and valid: only then can the step run without the descriptors.
    func needsDescriptors(_ files: [URL]) throws -> Bool {
        let model: (file: URL, print: Fingerprint)
        switch settings.encoding.method {
        case .bow: model = try vocabularyCache(words: settings.vocabulary.words, model: .vocabulary)
        case let .vlad(vlad): model = try vocabularyCache(words: vlad.words, model: .vladVocabulary)
        case let .fisher(fisher): model = try mixtureCache(fisher)
        }
        let folder = try encodingFolder(modelPrint: model.print)
        let valid = { (file: URL) in if case .valid = CheckedArrayFile.read(file) { return true } else { return false } }
        return !valid(model.file) || !files.allSatisfy { valid(folder.appendingPathComponent($0.lastPathComponent)) }
    }

    /// Rows drawn evenly from the training clips' descriptors (`VocabularySample`, `settings.vocabulary.sample`
    /// in all, seeded), exact whatever the cache's precision: beside 16-bit descriptors the descriptor stage
    /// kept them in float32. Only another sample than the plan's (another `vocabulary.sample` or seed, or a
    /// training clip skipped after prepare counted it) is drawn from the 16-bit values, and that is said.
    func sample(_ files: [URL], for model: EvaluationStep.EncodingModel, events: @escaping @Sendable (EvaluationEvent) -> Void) throws -> Matrix {
        let (v, p) = (settings.vocabulary, planSettings.vocabulary)
        let halfPrecision = planSettings.descriptors.storage == .float16
        let kept = halfPrecision && v.sample == p.sample && v.seed == p.seed && files.map(\.lastPathComponent) == keptClips
        if halfPrecision, !kept {
            events(.notice("the \(model.rawValue) is fit on 16-bit descriptors: the descriptor stage kept exact only the sample of the plan's "
                           + "vocabulary.sample, vocabulary.seed and training clips, and one of them differs now"))
        }
        events(.stage(.sampling(model, clips: files.count), cached: false))
        var drawn = VocabularySample(v, clips: files.count)
        var sample = Matrix(rows: 0, cols: 0)
        for (i, url) in files.enumerated() {
            if kept {
                sample.appendRows(try FinishStage.sampledRows(url))
            } else {
                let descriptors = try FinishStage.descriptors(url).clip.descriptors
                sample.appendRows(descriptors.rows(at: drawn.next(rows: descriptors.rows)))
            }
            events(.progress(done: i + 1, total: files.count))
        }
        return sample
    }

    /// A K-means vocabulary of `words` words (the `vocabulary` section's runs, iterations and seed), cached as
    /// `<model>-<fingerprint>.npy`, and that fingerprint.
    func fitVocabulary(files: [URL], words: Int, model: EvaluationStep.EncodingModel,
                       events: @escaping @Sendable (EvaluationEvent) -> Void) throws -> (Vocabulary, Fingerprint) {
        let (file, print) = try vocabularyCache(words: words, model: model)
        let v = settings.vocabulary
        switch CheckedArrayFile.read(file, columns: settings.descriptors.pcaDimensions) {
        case let .valid(stored):
            events(.stage(.encodingModel(model, size: stored.rows, descriptors: nil), cached: true))
            return (Vocabulary(centroids: stored), print)
        case let .invalid(reason):
            events(.recomputing(SkippedItem(item: model.rawValue, reason: reason)))
        case .absent:
            break
        }
        let data = try sample(files, for: model, events: events)
        let clusters = min(words, data.rows)
        events(.stage(.encodingModel(model, size: clusters, descriptors: data.rows), cached: false))
        let vocabulary = try Vocabulary.fit(data, settings: KMeansSettings(clusters: clusters, initializations: v.initializations,
                                                                           maxIterations: v.iterations, seed: UInt64(v.seed))) {
            events(.progress(done: Int(($0 * 100).rounded(.down)), total: 100))
        }
        try CheckedArrayFile.write(vocabulary.centroids, to: file)
        return (vocabulary, print)
    }

    /// The Fisher vectors' GMM, cached as `gmm-<fingerprint>.npy` (one row per Gaussian: weight, means, variances),
    /// and that fingerprint.
    func fitMixture(files: [URL], fisher: EncodingSettings.Fisher,
                    events: @escaping @Sendable (EvaluationEvent) -> Void) throws -> (DiagonalGMM, Fingerprint) {
        let (file, print) = try mixtureCache(fisher)
        let d = settings.descriptors.pcaDimensions
        switch CheckedArrayFile.read(file, columns: 1 + 2 * d) {
        case let .valid(stored):
            events(.stage(.encodingModel(.gmm, size: stored.rows, descriptors: nil), cached: true))
            return (DiagonalGMM(packed: stored)!, print)   // read with 1 + 2d columns, so it unpacks
        case let .invalid(reason):
            events(.recomputing(SkippedItem(item: EvaluationStep.EncodingModel.gmm.rawValue, reason: reason)))
        case .absent:
            break
        }
        let data = try sample(files, for: .gmm, events: events)
        let components = min(fisher.components, data.rows)
        events(.stage(.encodingModel(.gmm, size: components, descriptors: data.rows), cached: false))
        let gmm = try DiagonalGMM.fit(data, settings: GMMSettings(components: components, maxIterations: fisher.iterations,
                                                                  varianceFloor: fisher.varianceFloor, seed: UInt64(settings.vocabulary.seed)))
        try CheckedArrayFile.write(gmm.packed, to: file)
        return (gmm, print)
    }

    /// Every clip's encoding, one row each, each cached in `folder` (named after the vocabulary or
    /// GMM, the kind and the pyramid) as a checked one-row array named after its descriptor file, so
    /// a rerun with other classifier settings does not encode again; a file that does not match its
    /// record is recomputed and named.
    func encode(_ files: [URL], encoder: ClipEncoder, folder: URL, events: @escaping @Sendable (EvaluationEvent) -> Void) throws -> Matrix {
        let targets = files.map { folder.appendingPathComponent($0.lastPathComponent) }
        var stored = targets.map { CheckedArrayFile.read($0, columns: encoder.dimension) }
        for (i, verdict) in stored.enumerated() {
            if case let .valid(row) = verdict, row.rows != 1 { stored[i] = .invalid("\(targets[i].path): \(row.rows) rows where 1 is expected") }
        }
        let cached = stored.filter { if case .valid = $0 { return true } else { return false } }.count
        events(.stage(.encodings(settings.encoding.kind, cells: encoder.pyramid.cellCount, dimension: encoder.dimension,
                                 cachedClips: cached, clips: files.count), cached: cached == files.count))
        var out = Matrix(rows: files.count, cols: encoder.dimension)
        for (i, url) in files.enumerated() {
            let encoding: [Float]
            if case let .valid(row) = stored[i] {
                encoding = row.storage
            } else {
                if case let .invalid(reason) = stored[i] {
                    events(.recomputing(SkippedItem(item: "encoding of \(url.deletingPathExtension().lastPathComponent)", reason: reason)))
                }
                let described = try FinishStage.descriptors(url)
                encoding = encoder.encode(descriptors: described.clip.descriptors, weights: described.clip.magnitudes, positions: described.positions)
                try CheckedArrayFile.write(Matrix(rows: 1, cols: encoder.dimension, storage: encoding), to: targets[i])
            }
            out.storage.replaceSubrange((i * encoder.dimension)..<((i + 1) * encoder.dimension), with: encoding)
            events(.progress(done: i + 1, total: files.count))
        }
        return out
    }
}
