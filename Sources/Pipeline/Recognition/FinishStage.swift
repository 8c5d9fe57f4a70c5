import Classifiers
import Datasets
import Foundation
import Support
import Linalg
import Recognition

/// Stage 3 of the recognition protocol (`evaluate --stage finish`): the K-means vocabulary on a
/// sample of training descriptors (cached with a shape and checksum record), one weighted
/// histogram per clip, the chi-squared kernel, one libsvm classifier per action, average precision,
/// and the reports. It runs only when every clip of the plan is described or recorded as skipped;
/// otherwise it fails naming how many clips are missing and which shards to rerun.
public struct FinishStage: Sendable {
    /// The settings (vocabulary and classifier may differ from the plan's; decoding and descriptors may not).
    public var settings: VideoPipelineSettings
    /// The output folder holding the plan.
    public var output: URL

    /// A finish stage.
    public init(settings: VideoPipelineSettings, output: URL) {
        self.settings = settings
        self.output = output
    }

    /// Runs the stage, writes `report.json`, `report.md` and `ap.svg` into `output`, and returns the report.
    public func run(events: @escaping @Sendable (RecognitionEvent) -> Void = { _ in }) throws -> RecognitionReport {
        let stopwatch = Stopwatch()
        let plan = try RecognitionPlan.load(from: output)
        try plan.check(settings, output: output)
        let states = plan.clips.map { plan.state(of: $0, in: output) }
        let missing = plan.clips.indices.filter { states[$0] == .missing }
        if !missing.isEmpty { throw Self.missingClips(missing, plan: plan, output: output) }

        var skipped: [SkippedItem] = []
        for (clip, state) in zip(plan.clips, states) {
            if case let .skipped(reason) = state { skipped.append(SkippedItem(item: clip.name, reason: reason)) }
        }
        let described = plan.clips.indices.filter { states[$0] == .described }
        let train = described.filter { plan.clips[$0].split == "train" }
        let test = described.filter { plan.clips[$0].split == "test" }
        guard !train.isEmpty else { throw RecognitionRun.Failure.noDescriptors(split: "training") }
        guard !test.isEmpty else { throw RecognitionRun.Failure.noDescriptors(split: "test") }
        let files = { (positions: [Int]) in positions.map { plan.descriptorFile(plan.clips[$0], in: output) } }

        var vocabularyPrint = Fingerprint()
        vocabularyPrint.combine(plan.fingerprint)
        try vocabularyPrint.combine(json: settings.vocabulary)
        try vocabularyPrint.combine(json: train.map { plan.clips[$0].name })
        let vocabulary = try fitVocabulary(files: files(train), file: RecognitionPlan.cache(in: output)
            .appendingPathComponent("vocabulary-\(vocabularyPrint).npy"), events: events)

        events(.stage("histograms", cached: false))
        let trainHistograms = try histograms(files(train), vocabulary: vocabulary, events: events)
        let testHistograms = try histograms(files(test), vocabulary: vocabulary, events: events)

        events(.stage("chi-squared kernels and \(plan.actions.count) SVMs", cached: false))
        let kernel = try ChiSquaredKernel(training: trainHistograms)
        let testKernel = kernel.kernel(against: testHistograms)
        let scores = try classify(trainingKernel: kernel.trainingKernel, testKernel: testKernel,
                                  labels: train.map { plan.clips[$0].labels }, actions: plan.actions)

        var perClass: [String: RecognitionReport.ClassResult] = [:]
        for (a, action) in plan.actions.enumerated() {
            let labels = test.map { plan.clips[$0].labels[a] }
            perClass[action] = .init(ap: AveragePrecision.nonInterpolated(scores: scores[a], labels: labels),
                                     ap11pt: AveragePrecision.elevenPoint(scores: scores[a], labels: labels),
                                     positives: labels.filter { $0 }.count)
        }
        let finish = StageRecord(stage: "finish", seconds: stopwatch.seconds)
        try finish.write(to: output)
        let stages = StageRecord.all(in: output)
        var report = RecognitionReport(
            perClass: perClass, model: plan.modelSummary, settings: settings,
            skippedClips: skipped.map { .init(clip: $0.item, reason: $0.reason) },
            trainClips: train.count, testClips: test.count, seconds: stages.reduce(0) { $0 + $1.seconds }, stages: stages,
            split: plan.splitName, notes: plan.notes)
        if plan.singleLabel {
            report.addSingleLabelResults(scores: scores, trueClasses: test.map { plan.clips[$0].labels.firstIndex(of: true) ?? -1 },
                                         classes: plan.actions)
        }
        try report.write(to: output)
        return report
    }

    /// The failure for clips without descriptors: how many, and the shards that hold them, by the
    /// shard count of the last descriptor run recorded.
    static func missingClips(_ positions: [Int], plan: RecognitionPlan, output: URL) -> RecognitionRun.Failure {
        guard let count = StageRecord.all(in: output).last(where: { $0.stage == "descriptors" })?.shard?.count else {
            return .missingClips(count: positions.count, total: plan.clips.count, shards: [])
        }
        let shards = Set(positions.map { $0 % count }).sorted().map { try! ClipShard(index: $0, count: count) }
        return .missingClips(count: positions.count, total: plan.clips.count, shards: shards)
    }

    /// Scores `[action][test clip]` from one libsvm classifier per action; a failing action is named.
    func classify(trainingKernel: Matrix, testKernel: Matrix, labels: [[Bool]], actions: [String]) throws -> [[Double]] {
        do {
            return try OneVsRestEvaluation.scores(trainingKernel: trainingKernel, testKernel: testKernel,
                                                  trainingLabels: labels, settings: SVMSettings(cost: settings.classifier.c))
        } catch {
            guard case let .action(index, inner) = error else { throw error }
            throw RecognitionRun.Failure.action(name: actions[index], reason: "\(inner)")
        }
    }

    /// A clip's descriptors and magnitudes; a file that does not match its record is removed and named.
    static func descriptors(_ file: URL) throws -> ClipDescriptors {
        switch CheckedArrayFile.read(file) {
        case let .valid(packed):
            return ClipDescriptors(descriptors: packed.columns(0..<(packed.cols - 1)), magnitudes: packed.column(packed.cols - 1))
        case .absent:
            throw RecognitionRun.Failure.damagedDescriptors(reason: "\(file.path): missing")
        case let .invalid(reason):
            CheckedArrayFile.remove(file)
            throw RecognitionRun.Failure.damagedDescriptors(reason: reason)
        }
    }

    /// The vocabulary, fit on descriptors sampled evenly from the training clips (cached).
    func fitVocabulary(files: [URL], file: URL, events: @escaping @Sendable (RecognitionEvent) -> Void) throws -> Vocabulary {
        switch CheckedArrayFile.read(file, columns: settings.descriptors.pcaDimensions) {
        case let .valid(stored):
            events(.stage("vocabulary of \(stored.rows) words", cached: true))
            return Vocabulary(centroids: stored)
        case let .invalid(reason):
            events(.recomputing(SkippedItem(item: "vocabulary", reason: reason)))
        case .absent:
            break
        }
        let v = settings.vocabulary
        let quota = (v.sample + files.count - 1) / files.count
        var rng = SeededRandom(seed: UInt64(v.seed))
        var sample: Matrix?
        events(.stage("vocabulary: sampling the descriptors of \(files.count) training clips", cached: false))
        for (i, url) in files.enumerated() {
            let descriptors = try Self.descriptors(url).descriptors
            let rows = descriptors.rows(at: rng.sample(min(quota, descriptors.rows), from: descriptors.rows))
            if sample == nil { sample = rows } else { sample!.appendRows(rows) }
            events(.progress(done: i + 1, total: files.count))
        }
        let data = sample!
        let words = min(v.words, data.rows)
        events(.stage("vocabulary: K-means with \(words) words on \(data.rows) descriptors", cached: false))
        let vocabulary = try Vocabulary.fit(data, settings: KMeansSettings(clusters: words, initializations: v.initializations,
                                                                           maxIterations: v.iterations, seed: UInt64(v.seed))) {
            events(.progress(done: Int(($0 * 100).rounded(.down)), total: 100))
        }
        try CheckedArrayFile.write(vocabulary.centroids, to: file)
        return vocabulary
    }

    /// One weighted, L1-normalised histogram per clip, as the rows of a matrix.
    func histograms(_ files: [URL], vocabulary: Vocabulary, events: @escaping @Sendable (RecognitionEvent) -> Void) throws -> Matrix {
        var out = Matrix(rows: files.count, cols: vocabulary.wordCount)
        for (i, url) in files.enumerated() {
            let clip = try Self.descriptors(url)
            let histogram = BagOfWords.histogram(descriptors: clip.descriptors, weights: clip.magnitudes, vocabulary: vocabulary)
            out.storage.replaceSubrange((i * vocabulary.wordCount)..<((i + 1) * vocabulary.wordCount), with: histogram)
            events(.progress(done: i + 1, total: files.count))
        }
        return out
    }
}
