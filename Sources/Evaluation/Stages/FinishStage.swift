import Classifiers
import Datasets
import Foundation
import Linalg
import Recognition
import Runs
import Support

/// Stage 3 of the recognition protocol (`evaluate --stage finish`): the K-means vocabulary on a
/// sample of training descriptors (cached with a shape and checksum record), one weighted
/// histogram per clip, the chi-squared kernel, one libsvm classifier per action, average precision,
/// the reports, and the recogniser (`Recogniser`, what `predict` applies to new clips; none for
/// descriptor files made elsewhere). It runs only when every clip of the plan is described or recorded as skipped;
/// otherwise it fails naming how many clips are missing and which shards to rerun. Dropped
/// descriptors (`DroppedDescriptors`) are enough when this encoding's vocabulary or GMM and
/// encodings are cached; otherwise it says so in one line and describes the clips again first.
public struct FinishStage: Sendable {
    /// The settings (vocabulary and classifier may differ from the plan's; decoding and descriptors may not).
    public var settings: VideoPipelineSettings
    /// The output folder holding the plan.
    public var output: URL
    /// Drop the descriptor cache once the recogniser is written (`DroppedDescriptors`).
    public var dropDescriptors: Bool

    /// A finish stage.
    public init(settings: VideoPipelineSettings, output: URL, dropDescriptors: Bool = false) {
        self.settings = settings
        self.output = output
        self.dropDescriptors = dropDescriptors
    }

    /// Runs the stage, writes `report.json`, `report.md`, `ap.svg` and `report.html` (`ReportPage`)
    /// into `output`, and returns the report.
    public func run(events: @escaping @Sendable (EvaluationEvent) -> Void = { _ in }) throws -> EvaluationReport {
        let stopwatch = Stopwatch()
        let plan = try EvaluationPlan.load(from: output)
        try plan.check(settings, output: output)
        try MemoryEstimate(steps: [MemoryEstimate.evaluateFinish(settings, trainClips: plan.trainingClipCount,
                                                                  testClips: plan.clips.count - plan.trainingClipCount,
                                                                  descriptorWidth: plan.ownDescriptors.flatMap { $0.reduce ? nil : $0.width })])
            .check("evaluate")
        try plan.ownDescriptors?.checkPyramid(settings.encoding.pyramid, clips: plan.clips)
        // The descriptors describe the clips as prepare found them: a changed dataset is not what they describe.
        try EvaluationPlan.checkUnchanged(plan.clips, output: output)
        let states = plan.clips.map { plan.state(of: $0, in: output) }
        let missing = plan.clips.indices.filter { states[$0] == .missing }
        if !missing.isEmpty { throw Self.missingClips(missing, plan: plan, output: output) }

        var skipped: [SkippedItem] = []
        for (clip, state) in zip(plan.clips, states) {
            if case let .skipped(reason) = state { skipped.append(SkippedItem(item: clip.name, reason: reason)) }
        }
        let described = plan.clips.indices.filter { states[$0] == .described || states[$0] == .dropped }
        let train = described.filter { plan.clips[$0].subset == .train }
        let test = described.filter { plan.clips[$0].subset == .test }
        guard !train.isEmpty else { throw EvaluationError.noDescriptors(.train) }
        guard !test.isEmpty else { throw EvaluationError.noDescriptors(.test) }
        let files = { (positions: [Int]) in positions.map { plan.descriptorFile(plan.clips[$0], in: output) } }

        var modelPrint = Fingerprint()
        modelPrint.combine(plan.fingerprint)
        try modelPrint.combine(json: train.map { plan.clips[$0].name })
        let step = EncodingStep(settings: settings, cache: EvaluationPlan.cache(in: output), fingerprint: modelPrint,
                                planSettings: plan.settings,
                                keptClips: plan.clips.filter { $0.subset == .train && $0.rows != nil }.map { plan.descriptorFile($0, in: output).lastPathComponent })
        let dropped = states.count { $0 == .dropped }
        if dropped > 0, try step.needsDescriptors(files(train + test)) {
            events(.recomputing(SkippedItem(item: "descriptors of \(dropped) clips",
                                            reason: "dropped after an earlier finish, and this encoding's vocabulary or encodings are not cached")))
            try DescriptorStage(output: output, recomputeDropped: true).run(events: events)
            return try run(events: events)
        }
        let (scores, encoding, encoder, classifiers) = try step
            .scores(train: files(train), test: files(test), labels: train.map { plan.clips[$0].labels }, actions: plan.actions, events: events)

        var perClass: [String: EvaluationReport.ClassResult] = [:]
        for (a, action) in plan.actions.enumerated() {
            let labels = test.map { plan.clips[$0].labels[a] }
            perClass[action] = .init(ap: AveragePrecision.nonInterpolated(scores: scores[a], labels: labels),
                                     ap11pt: AveragePrecision.elevenPoint(scores: scores[a], labels: labels),
                                     positives: labels.filter { $0 }.count)
        }
        if plan.ownDescriptors == nil {
            try Recogniser(actions: plan.actions, singleLabel: plan.singleLabel, settings: settings, model: plan.model,
                           modelFingerprint: Recogniser.fingerprint(ofBundle: URL(fileURLWithPath: plan.model)),
                           reduction: plan.reduction(in: output), encoder: encoder, classifiers: classifiers).write(to: output)
        } else {
            // No model describes new clips as the files were made, so there is nothing for predict to apply.
            try? FileManager.default.removeItem(at: Recogniser.folder(in: output))
        }
        if dropDescriptors, states.contains(.described) {
            let marker = try DroppedDescriptors.drop(plan, in: output)
            events(.droppedDescriptors(clips: marker.clips, bytes: marker.bytes))
        }
        let descriptorsDropped = DroppedDescriptors.isDropped(plan, in: output) ? true : nil
        // The finish record is written after the report's files, so a finish record and a
        // report.json (written last of them) are there only beside a complete report.
        var finish = StageRecord(stage: .finish, seconds: stopwatch.seconds)
        finish.descriptorsDropped = descriptorsDropped
        let stages = StageRecord.all(in: output).filter { $0.stage != .finish } + [finish]
        var report = EvaluationReport(
            perClass: perClass, model: plan.modelSummary, settings: settings,
            skippedClips: skipped.map { .init(clip: $0.item, reason: $0.reason) },
            trainClips: train.count, testClips: test.count, seconds: stages.reduce(0) { $0 + $1.seconds }, stages: stages,
            split: plan.splitName, dataset: plan.layout, notes: plan.notes, encoding: encoding,
            adjustedSettings: plan.adjustedSettings)
        report.descriptorsDropped = descriptorsDropped
        if plan.singleLabel {
            report.addSingleLabelResults(scores: scores, trueClasses: test.map { plan.clips[$0].labels.firstIndex(of: true) ?? -1 },
                                         classes: plan.actions)
        }
        // report.json goes first and comes back last (`ReportSet`), after the page and the other files.
        try ReportSet.removeMarker(in: output)
        let page = ReportPage(report: report, classes: plan.actions, clips: test.map {
            ReportPage.TestClip(name: plan.clips[$0].name, file: plan.clips[$0].file, labels: plan.clips[$0].labels)
        }, scores: scores, dataset: String(plan.dataset.prefix { $0 != "\n" }))
        events(.stage(.page(clips: page.thumbnailCount), cached: false))
        try page.write(to: output)
        try report.write(to: output)
        try finish.write(to: output)
        return report
    }

    /// The failure for clips without descriptors: how many, and the shards that hold them, by the
    /// shard count of the last descriptor run recorded.
    static func missingClips(_ positions: [Int], plan: EvaluationPlan, output: URL) -> EvaluationError {
        guard let count = StageRecord.all(in: output).last(where: { $0.stage == .descriptors })?.shard?.count else {
            return .missingClips(count: positions.count, total: plan.clips.count, shards: [])
        }
        let shards = Set(positions.map { $0 % count }).sorted().map { try! ClipShard(index: $0, count: count) }
        return .missingClips(count: positions.count, total: plan.clips.count, shards: shards)
    }

    /// A clip's descriptors, magnitudes and super-block centres; a file that does not match its record
    /// is removed (with the clip's sampled rows) and named.
    static func descriptors(_ file: URL) throws -> DescribedClip {
        switch DescribedClip.read(file) {
        case let .valid(clip):
            return clip
        case .absent:
            throw EvaluationError.damagedDescriptors(reason: "\(file.path): missing")
        case let .invalid(reason):
            DescribedClip.remove(file)
            throw EvaluationError.damagedDescriptors(reason: reason)
        }
    }

    /// The exact rows of the vocabulary's sample kept beside the clip's 16-bit descriptors in `file`;
    /// when they are missing or do not match their record, the clip's files are removed (the
    /// descriptor stage describes it again) and named.
    static func sampledRows(_ file: URL) throws -> Matrix {
        switch DescribedClip.readSample(of: file) {
        case let .valid(rows):
            return rows
        case let .invalid(reason):
            DescribedClip.remove(file)
            throw EvaluationError.damagedDescriptors(reason: reason)
        case .absent:
            preconditionFailure("readSample reports a missing file as invalid")
        }
    }
}
