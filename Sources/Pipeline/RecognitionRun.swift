import Classifiers
import Datasets
import Foundation
import Learners
import Linalg
import Recognition
import Support
import Video

/// `zae-video evaluate --dataset hollywood2|ucf101|hmdb51|kth|csv` as a library call: the recognition
/// protocol of DESIGN.md on one split of a dataset in one of the `DatasetLayout`s with a trained model bundle.
///
/// Stages, each cached under `output/cache` by a fingerprint of everything it depends on, so a
/// killed run resumes and a rerun with other classifier settings reuses the descriptors:
/// 1. the super-block PCA, fit on super-blocks sampled from the training clips;
/// 2. every clip's reduced descriptors (one `.npy` per clip, the activation magnitude as the last column);
/// 3. the K-means vocabulary on a sample of training descriptors;
/// 4. histograms, the chi-squared kernel, one libsvm classifier per action, average precision.
public struct RecognitionRun: Sendable {
    /// Every setting.
    public var settings: VideoPipelineSettings
    /// The dataset root.
    public var root: URL
    /// The dataset's layout.
    public var datasetLayout: DatasetLayout
    /// Which of the layout's splits to evaluate.
    public var split: Int
    /// The model bundle folder.
    public var model: URL
    /// Where the reports and the cache go.
    public var output: URL

    /// A recognition run.
    public init(settings: VideoPipelineSettings, root: URL, datasetLayout: DatasetLayout = .hollywood2, split: Int = 1,
                model: URL, output: URL) {
        self.settings = settings
        self.root = root
        self.datasetLayout = datasetLayout
        self.split = split
        self.model = model
        self.output = output
    }

    /// What happens, in order, for progress displays.
    public enum Event: Sendable {
        /// The dataset was read and checked.
        case dataset(String)
        /// A stage begins; `cached` when its result is read from the cache.
        case stage(String, cached: Bool)
        /// Items of the current stage done so far.
        case progress(done: Int, total: Int)
        /// A clip was left out.
        case skipped(SkippedItem)
    }

    /// Why an evaluation cannot run.
    public enum Failure: Error, CustomStringConvertible {
        /// The model bundle cannot be used with these settings.
        case bundle(path: String, reason: String)
        /// No clip of a split gave descriptors.
        case noDescriptors(split: String)
        /// An action's classifier could not be trained.
        case action(name: String, reason: String)

        public var description: String {
            switch self {
            case let .bundle(path, reason): return "\(path): \(reason)"
            case let .noDescriptors(split): return "no \(split) clip gave descriptors; nothing to evaluate"
            case let .action(name, reason): return "action \(name): \(reason)"
            }
        }
    }

    /// Runs the protocol, writes `report.json`, `report.md`, `ap.svg` (and `confusion.svg` for a
    /// single-label dataset) into `output`, and returns the report.
    public func run(events: @escaping @Sendable (Event) -> Void = { _ in }) throws -> RecognitionReport {
        let stopwatch = Stopwatch()
        try settings.validate()
        let layout = try datasetLayout.load(root: root, split: split)
        events(.dataset(layout.summary))
        let (bundle, extractor) = try loadModel()
        try MemoryEstimate.evaluate(settings, features: bundle.model.featureCount, inputDimension: bundle.model.inputDimension,
                                    trainClips: layout.train.clips.count, testClips: layout.test.clips.count).check("evaluate")
        let meter = StageMeter()
        let cache = output.appendingPathComponent("cache")

        var fingerprint = Fingerprint()
        for name in try FileManager.default.contentsOfDirectory(atPath: model.path).sorted() where !name.hasPrefix(".") {
            fingerprint.combine(name)
            try fingerprint.combine(contentsOf: model.appendingPathComponent(name))
        }
        try fingerprint.combine(json: settings.decoding)
        try fingerprint.combine(json: settings.descriptors)
        // The dataset itself: its root and every clip's name, size and modification time, so a cache
        // is never reused for another dataset (Hollywood2 and the demo share clip names) or changed clips.
        fingerprint.combine(root.standardizedFileURL.path)
        let clips = Array(zip(layout.train.clips + layout.test.clips, layout.train.files + layout.test.files))
        for (name, file) in clips {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            fingerprint.combine("\(name) \(size) \(modified)")
        }

        let reduction = try meter.measure("superblock_pca") {
            try superBlockPCA(layout: layout, extractor: extractor, cache: cache, fingerprint: fingerprint, events: events)
        }
        fingerprint.combine(NPYArray(reduction.components).encoded())

        let descriptorFolder = cache.appendingPathComponent("descriptors-\(fingerprint)")
        let skipped = try meter.measure("descriptors") {
            try describeClips(clips, extractor: extractor, reduction: reduction, folder: descriptorFolder, events: events)
        }
        let skippedNames = Set(skipped.map(\.item))
        let trainIndex = layout.train.clips.indices.filter { !skippedNames.contains(layout.train.clips[$0]) }
        let testIndex = layout.test.clips.indices.filter { !skippedNames.contains(layout.test.clips[$0]) }
        guard !trainIndex.isEmpty else { throw Failure.noDescriptors(split: "training") }
        guard !testIndex.isEmpty else { throw Failure.noDescriptors(split: "test") }
        let descriptorFile = { (clip: String) in descriptorFolder.appendingPathComponent("\(clip).npy") }

        var vocabularyPrint = fingerprint
        try vocabularyPrint.combine(json: settings.vocabulary)
        try vocabularyPrint.combine(json: trainIndex.map { layout.train.clips[$0] })
        let vocabulary = try meter.measure("vocabulary") {
            try fitVocabulary(files: trainIndex.map { descriptorFile(layout.train.clips[$0]) },
                              file: cache.appendingPathComponent("vocabulary-\(vocabularyPrint).npy"), events: events)
        }
        let classifierStage = meter.begin("classifiers")

        events(.stage("histograms", cached: false))
        let trainHistograms = try histograms(trainIndex.map { descriptorFile(layout.train.clips[$0]) }, vocabulary: vocabulary, events: events)
        let testHistograms = try histograms(testIndex.map { descriptorFile(layout.test.clips[$0]) }, vocabulary: vocabulary, events: events)

        events(.stage("chi-squared kernels and \(layout.classes.count) SVMs", cached: false))
        let kernel = try ChiSquaredKernel(training: trainHistograms)
        let testKernel = kernel.kernel(against: testHistograms)
        let trainLabels = trainIndex.map { layout.train.labels[$0] }
        let testLabels = testIndex.map { layout.test.labels[$0] }
        let scores = try classify(trainingKernel: kernel.trainingKernel, testKernel: testKernel, labels: trainLabels, actions: layout.classes)

        var perClass: [String: RecognitionReport.ClassResult] = [:]
        for (a, action) in layout.classes.enumerated() {
            let labels = testLabels.map { $0[a] }
            perClass[action] = .init(ap: AveragePrecision.nonInterpolated(scores: scores[a], labels: labels),
                                     ap11pt: AveragePrecision.elevenPoint(scores: scores[a], labels: labels),
                                     positives: labels.filter { $0 }.count)
        }
        meter.end(classifierStage)
        var report = RecognitionReport(
            meanAP: AveragePrecision.mean(perClass.values.map(\.ap)), meanAP11pt: AveragePrecision.mean(perClass.values.map(\.ap11pt)),
            perClass: perClass,
            model: ["kind": bundle.model.kind.rawValue, "features": "\(bundle.model.featureCount)", "bundle": model.path,
                    "inference": bundle.model.inference.rawValue],
            settings: settings, skippedClips: skipped.map { .init(clip: $0.item, reason: $0.reason) },
            trainClips: trainIndex.count, testClips: testIndex.count, seconds: stopwatch.seconds,
            split: layout.splitName, notes: layout.notes, stages: meter.stages)
        if layout.singleLabel {
            report.addSingleLabelResults(scores: scores, trueClasses: testIndex.map(layout.test.classIndex), classes: layout.classes)
        }
        try report.write(to: output)
        return report
    }

    /// Scores `[action][test clip]` from one libsvm classifier per action; a failing action is named.
    func classify(trainingKernel: Matrix, testKernel: Matrix, labels: [[Bool]], actions: [String]) throws -> [[Double]] {
        do {
            return try OneVsRestEvaluation.scores(trainingKernel: trainingKernel, testKernel: testKernel,
                                                  trainingLabels: labels, settings: SVMSettings(cost: settings.classifier.c))
        } catch {
            guard case let .action(index, inner) = error else { throw error }
            throw Failure.action(name: actions[index], reason: "\(inner)")
        }
    }

    /// The bundle and the extractor built from it; refuses a bundle whose preprocessing does not
    /// match these settings.
    func loadModel() throws -> (ModelBundle, DescriptorExtractor) {
        let bundle = try ModelBundle.load(from: model)
        let whitening: PatchWhitening
        do {
            try bundle.checkMatches(settings)
            whitening = try bundle.patchWhitening()
        } catch {
            throw Failure.bundle(path: model.path, reason: "\(error)")
        }
        let d = settings.descriptors
        guard d.superBlock.count == 3, d.stride.count == 3 else {
            throw RecognitionError.invalidSetting("descriptors.superBlock and descriptors.stride need 3 values (frames, height, width)")
        }
        let grid = try SuperBlockGrid(superBlock: BlockShape(frames: d.superBlock[0], height: d.superBlock[1], width: d.superBlock[2]),
                                      stride: BlockShape(frames: d.stride[0], height: d.stride[1], width: d.stride[2]),
                                      subBlock: whitening.shape,
                                      subBlockStride: BlockShape(frames: d.subBlockStride, height: d.subBlockStride, width: d.subBlockStride))
        let extractor: DescriptorExtractor
        do { extractor = try DescriptorExtractor(grid: grid, preprocessing: whitening, encoder: bundle.model) } catch {
            throw Failure.bundle(path: model.path, reason: "\(error)")
        }
        return (bundle, extractor)
    }

    /// Stage 1: the whitened super-block PCA, fit on super-blocks sampled evenly from the training clips.
    func superBlockPCA(layout: RecognitionDataset, extractor: DescriptorExtractor, cache: URL, fingerprint: Fingerprint,
                       events: @escaping @Sendable (Event) -> Void) throws -> PCA {
        let folder = cache.appendingPathComponent("superblock-pca-\(fingerprint)")
        if let stored = try? PCA(contentsOf: folder) {
            events(.stage("super-block PCA", cached: true))
            return stored
        }
        events(.stage("super-block PCA (sampling training clips)", cached: false))
        // The sample (the paper's: 100,000 descriptors of 4,800 values, 1.9 GB) is parked on disk as
        // it is drawn and streamed back twice (mean, covariance), in clip order as if concatenated.
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let spill = try RowSpillFile(in: cache, dimension: extractor.descriptorDimension)
        let files = layout.train.files
        let quota = (settings.descriptors.pcaSample + files.count - 1) / max(files.count, 1)
        let parts = ResultSlots<Range<Int>>(count: files.count)
        let failures = ResultSlots<Error>(count: files.count)
        let decoding = settings.decoding
        ParallelWork.forEach(files.count, work: { i, _ in
            guard let volume = try? decoding.volume(of: files[i]), let origins = try? extractor.origins(in: volume) else { return }
            var rng = SeededRandom(seed: UInt64(i) &* 0x9E37_79B9_7F4A_7C15 &+ 17)
            let chosen = rng.sample(min(quota, origins.count), from: origins.count).sorted().map { origins[$0] }
            do { parts[i] = try spill.append(extractor.extract(from: volume, origins: chosen).descriptors) } catch { failures[i] = error }
        }, done: { events(.progress(done: $0, total: files.count)) })
        if let failure = failures.values.compactMap({ $0 }).first { throw failure }
        let order = parts.values.compactMap { $0 }.flatMap { Array($0) }
        let pca = try DescriptorReduction.fit(SelectedRows(spill, indices: order), dimensions: settings.descriptors.pcaDimensions,
                                              sampleLimit: settings.descriptors.pcaSample, seed: 1)
        try AtomicFile.replaceDirectory(at: folder) { try pca.write(into: $0) }
        return pca
    }

    /// Stage 2: reduced descriptors of every clip, one `.npy` each (cached); returns the clips left out.
    func describeClips(_ clips: [(name: String, file: URL)], extractor: DescriptorExtractor, reduction: PCA, folder: URL,
                       events: @escaping @Sendable (Event) -> Void) throws -> [SkippedItem] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let todo = clips.filter { !FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0.name).npy").path) }
        events(.stage("descriptors of \(clips.count) clips (\(clips.count - todo.count) cached)", cached: todo.isEmpty))
        let decoding = settings.decoding
        ParallelWork.forEach(todo.count, work: { i, _ in
            let (name, file) = todo[i]
            do {
                let volume = try decoding.volume(of: file)
                let reduced = extractor.extract(from: volume, origins: try extractor.origins(in: volume), reducedBy: reduction)
                try NPYArray(Self.packed(reduced)).write(to: folder.appendingPathComponent("\(name).npy"))
            } catch {
                // Recorded beside the descriptors for the report below; a later run tries the clip again.
                try? AtomicFile.write("\(error)", to: folder.appendingPathComponent("\(name).skipped"))
            }
        }, done: { events(.progress(done: $0, total: todo.count)) })
        var skipped: [SkippedItem] = []
        for clip in clips where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(clip.name).npy").path) {
            let reason = (try? String(contentsOf: folder.appendingPathComponent("\(clip.name).skipped"), encoding: .utf8)) ?? "no descriptors"
            let item = SkippedItem(item: clip.name, reason: reason)
            skipped.append(item)
            events(.skipped(item))
        }
        return skipped
    }

    /// Descriptors with their magnitudes as one more column.
    static func packed(_ clip: ClipDescriptors) -> Matrix {
        let d = clip.descriptors.cols
        var out = Matrix(rows: clip.descriptors.rows, cols: d + 1)
        for r in 0..<out.rows {
            for c in 0..<d { out[r, c] = clip.descriptors[r, c] }
            out[r, d] = clip.magnitudes[r]
        }
        return out
    }

    /// Reads a clip's descriptors and magnitudes back.
    static func unpacked(_ file: URL) throws -> ClipDescriptors {
        let packed = try NPYArray(contentsOf: file).matrix(path: file.path)
        return ClipDescriptors(descriptors: packed.columns(0..<(packed.cols - 1)), magnitudes: packed.column(packed.cols - 1))
    }

    /// Stage 3: the vocabulary, fit on descriptors sampled evenly from the training clips (cached).
    func fitVocabulary(files: [URL], file: URL, events: @escaping @Sendable (Event) -> Void) throws -> Vocabulary {
        if let stored = try? NPYArray(contentsOf: file).matrix(path: file.path) {
            events(.stage("vocabulary of \(stored.rows) words", cached: true))
            return Vocabulary(centroids: stored)
        }
        let v = settings.vocabulary
        let quota = (v.sample + files.count - 1) / files.count
        var rng = SeededRandom(seed: UInt64(v.seed))
        var sample: Matrix?
        for url in files {
            let descriptors = try Self.unpacked(url).descriptors
            let rows = descriptors.rows(at: rng.sample(min(quota, descriptors.rows), from: descriptors.rows))
            if sample == nil { sample = rows } else { sample!.appendRows(rows) }
        }
        let data = sample!
        let words = min(v.words, data.rows)
        events(.stage("vocabulary: K-means with \(words) words on \(data.rows) descriptors", cached: false))
        let total = v.initializations * v.iterations
        let vocabulary = try Vocabulary.fit(data, settings: KMeansSettings(clusters: words, initializations: v.initializations,
                                                                           maxIterations: v.iterations, seed: UInt64(v.seed))) { run, iteration, _ in
            events(.progress(done: run * v.iterations + iteration + 1, total: total))
        }
        try NPYArray(vocabulary.centroids).write(to: file)
        return vocabulary
    }

    /// Stage 4: one weighted, L1-normalised histogram per clip, as the rows of a matrix.
    func histograms(_ files: [URL], vocabulary: Vocabulary, events: @escaping @Sendable (Event) -> Void) throws -> Matrix {
        var out = Matrix(rows: files.count, cols: vocabulary.wordCount)
        for (i, url) in files.enumerated() {
            let clip = try Self.unpacked(url)
            let histogram = BagOfWords.histogram(descriptors: clip.descriptors, weights: clip.magnitudes, vocabulary: vocabulary)
            out.storage.replaceSubrange((i * vocabulary.wordCount)..<((i + 1) * vocabulary.wordCount), with: histogram)
            events(.progress(done: i + 1, total: files.count))
        }
        return out
    }
}
