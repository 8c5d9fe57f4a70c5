import Datasets
import Foundation
import Linalg
import Recognition
import Runs
import Support
import Video

/// Stage 1 of the recognition protocol (`evaluate --stage prepare`): check the dataset and the
/// model (or every clip's descriptor files) before any heavy work, fit the whitened super-block PCA on super-blocks sampled evenly
/// from the training clips (cached by a fingerprint of everything it depends on), and write the
/// plan that the descriptor shards and `finish` work from.
public struct PrepareStage: Sendable {
    /// Every setting, valid (`EvaluationRun`, which makes this stage, checked them once for the run).
    public var settings: VideoPipelineSettings
    /// The labelled clips, already read and checked.
    public var dataset: RecognitionDataset
    /// Where the descriptors come from.
    public var source: DescriptorSource
    /// The output folder.
    public var output: URL
    /// The stages whose memory need is checked against this machine's before any work: this one,
    /// or all three when the whole protocol runs in this process.
    public var memoryChecked: [EvaluationStage] = [.prepare]

    /// A prepare stage of settings already checked.
    init(settings: VideoPipelineSettings, dataset: RecognitionDataset, source: DescriptorSource, output: URL) {
        self.settings = settings
        self.dataset = dataset
        self.source = source
        self.output = output
    }

    /// Runs the stage and returns the plan it wrote to `output/plan.json`.
    @discardableResult
    public func run(events: @escaping @Sendable (EvaluationEvent) -> Void = { _ in }) throws -> EvaluationPlan {
        let stopwatch = Stopwatch()
        var clips = Self.clips(of: dataset)
        let described: Described
        switch source {
        case let .model(folder): described = try describedByModel(folder, clips: clips, events: events)
        case let .files(folder, reduce): described = try describedByFiles(folder, reduce: reduce, clips: clips, events: events)
        }
        let (inputs, reduction) = (described.inputs, described.reduction)
        for i in clips.indices where clips[i].subset == .train { clips[i].rows = described.trainingRows[clips[i].name] }
        var fingerprint = inputs
        if let reduction { fingerprint.combine(NPYArray(reduction.pca.components).encoded()) } else { fingerprint.combine("not reduced") }
        let sampled = reduction.flatMap {
            SettingAdjustment.ifChanged("descriptors.pcaSample", requested: settings.descriptors.pcaSample, used: $0.sampleRows,
                                        reason: "the training clips gave only \($0.sampleRows) super-blocks")
        }
        let plan = EvaluationPlan(actions: dataset.classes, singleLabel: dataset.singleLabel, splitName: dataset.splitName,
                                   notes: dataset.notes, clips: clips, inputFingerprint: "\(inputs)", fingerprint: "\(fingerprint)",
                                   settings: settings, model: described.model, modelSummary: described.summary, ownDescriptors: described.own,
                                   dataset: dataset.summary, layout: dataset.layout, adjustedSettings: [sampled].compactMap { $0 })
        try FileManager.default.createDirectory(at: plan.descriptorFolder(in: output), withIntermediateDirectories: true)
        if (try? EvaluationPlan.load(from: output))?.fingerprint != plan.fingerprint {
            // A new plan: the stage records of the old one (times, shards) no longer describe this output.
            try? FileManager.default.removeItem(at: StageRecord.folder(in: output))
        }
        try plan.write(to: output)
        try StageRecord(stage: .prepare, seconds: stopwatch.seconds).write(to: output)
        return plan
    }

    /// What the descriptors of a plan are made from, and the super-block PCA fit on them.
    struct Described {
        /// Names the descriptors' inputs (`inputFingerprint`).
        var inputs: Fingerprint
        /// The super-block PCA, nil when descriptor files are used as they are.
        var reduction: StoredReduction.Fit?
        /// The bundle's path (empty for descriptor files).
        var model: String
        /// What the report says about the model or the files.
        var summary: ModelSummary
        /// The descriptor files, nil for a model.
        var own: OwnDescriptors?
        /// The descriptors (super-blocks) of each training clip that has some, by name.
        var trainingRows: [String: Int]
    }

    /// A model bundle's descriptors: the bundle checked (and the memory this machine needs for it),
    /// the PCA fit on super-blocks sampled from the training clips.
    func describedByModel(_ folder: URL, clips: [EvaluationPlan.Clip], events: @escaping @Sendable (EvaluationEvent) -> Void) throws -> Described {
        let descriptorModel = try DescriptorModel(folder: folder, settings: settings)
        try Self.checkSettings(settings, against: descriptorModel.extractor)
        try MemoryEstimate.evaluate(settings, bundle: descriptorModel.bundle, trainClips: dataset.train.clips.count,
                                    testClips: dataset.test.clips.count, workers: ParallelWork.workers(for: clips.count))
            .only(memoryChecked.map(\.rawValue)).check("evaluate")
        var fingerprint = Fingerprint()
        try fingerprint.combine(filesIn: folder)
        let inputs = try inputFingerprint(fingerprint, clips: clips)
        events(.dataset(dataset.summary))
        let (extractor, decoding) = (descriptorModel.extractor, settings.decoding)
        let reduction = try superBlockPCA(clips: clips.filter { $0.subset == .train }, dimension: extractor.descriptorDimension,
                                          folder: reductionFolder(inputs), events: events) { clip, choose in
            let volume: FrameVolume, origins: [BlockPosition]
            do {
                volume = try decoding.volume(of: URL(fileURLWithPath: clip.file))
                origins = try extractor.origins(in: volume)
            } catch { throw UnusableClip(reason: "\(error)") }
            return extractor.extract(from: volume, origins: choose(origins.count).map { origins[$0] }).descriptors
        }
        return Described(inputs: inputs, reduction: reduction, model: folder.standardizedFileURL.path,
                         summary: descriptorModel.summary(folder: folder), own: nil, trainingRows: reduction.clipRows)
    }

    /// Descriptor files: every clip's files checked before any work, the pyramid against their
    /// positions, the PCA (when `reduce`) fit on the rows a model's super-blocks would be sampled at.
    func describedByFiles(_ folder: URL, reduce: Bool, clips: [EvaluationPlan.Clip],
                          events: @escaping @Sendable (EvaluationEvent) -> Void) throws -> Described {
        events(.dataset(dataset.summary))
        let (checked, rows) = try OwnDescriptors.check(clips, folder: folder, root: dataset.root, reduce: reduce, events: events)
        try checked.checkPyramid(settings.encoding.pyramid, clips: clips)
        if reduce, settings.descriptors.pcaDimensions >= checked.width {
            throw SettingError(setting: "descriptors.pcaDimensions",
                               reason: "keeps \(settings.descriptors.pcaDimensions) values, but the descriptors in \(folder.path) have only \(checked.width) per row; lower it, or pass --reduce none to use them as they are")
        }
        var fingerprint = Fingerprint()
        try fingerprint.combine(json: checked)
        for clip in clips {
            let file = checked.file(of: clip)
            fingerprint.combine(Self.stampKey(FileStamp(path: file.path)) + " " + Self.stampKey(FileStamp(path: ClipFeatureFile.positionsURL(of: file).path)))
        }
        let inputs = try inputFingerprint(fingerprint, clips: clips)
        let reduction = reduce ? try superBlockPCA(clips: clips.filter { $0.subset == .train }, dimension: checked.width,
                                                   folder: reductionFolder(inputs), events: events) { clip, choose in
            try checked.sampledRows(of: clip, choose: choose)
        } : nil
        var trainingRows: [String: Int] = [:]
        for (clip, count) in zip(clips, rows) where clip.subset == .train { trainingRows[clip.name] = count }
        return Described(inputs: inputs, reduction: reduction, model: "", summary: ModelSummary(descriptors: checked.folder, width: checked.width),
                         own: checked, trainingRows: trainingRows)
    }

    /// A training clip that gives no super-block to the PCA's sample (it does not decode, or is too
    /// small), and why: the sample goes on without it.
    struct UnusableClip: Error { var reason: String }

    /// The cache folder of the super-block PCA fit on inputs named `inputs`.
    func reductionFolder(_ inputs: Fingerprint) -> URL {
        EvaluationPlan.cache(in: output).appendingPathComponent("superblock-pca-\(inputs)")
    }

    /// Refuses settings the model's descriptors cannot satisfy, naming the setting, before any work
    /// (they would surface later as a memory refusal or an empty sample): a super-block PCA keeping
    /// more dimensions than a descriptor has, or clips cut shorter than a super-block.
    static func checkSettings(_ settings: VideoPipelineSettings, against extractor: DescriptorExtractor) throws(SettingError) {
        let checks = SettingChecks(), d = settings.descriptors, dimension = extractor.descriptorDimension
        try checks.require(d.pcaDimensions <= dimension, "descriptors.pcaDimensions",
                           "is \(d.pcaDimensions), more than the \(dimension) values of a super-block descriptor "
                           + "(\(extractor.grid.subBlocksPerSuperBlock) sub-blocks x \(extractor.encoder.featureCount) features of the model)")
        let maxFrames = settings.decoding.maxFrames
        try checks.require(maxFrames == 0 || maxFrames >= d.superBlock.frames, "decoding.maxFrames",
                           "is \(maxFrames), fewer frames than a super-block's \(d.superBlock.frames) (descriptors.superBlock): no clip could be described (0: all frames)")
    }

    /// The dataset's clips in plan order: training clips, then test clips, each sorted by name.
    static func clips(of dataset: RecognitionDataset) -> [EvaluationPlan.Clip] {
        func clips(_ s: RecognitionDataset.Split, _ subset: Subset) -> [EvaluationPlan.Clip] {
            s.clips.indices.map {
                let file = s.files[$0].standardizedFileURL.path
                return .init(name: s.clips[$0], file: file, subset: subset, labels: s.labels[$0], stamp: FileStamp(path: file))
            }
        }
        return clips(dataset.train, .train) + clips(dataset.test, .test)
    }

    /// Names what the descriptors depend on before the super-block PCA: `source` (what names the
    /// model bundle's files or the descriptor files), the decoding and descriptor settings, and the
    /// dataset (its root and every clip's name, size and modification time, so a cache is never
    /// reused for another dataset or changed clips).
    func inputFingerprint(_ source: Fingerprint, clips: [EvaluationPlan.Clip]) throws -> Fingerprint {
        var fingerprint = source
        try fingerprint.combine(json: settings.decoding)
        try fingerprint.combine(json: settings.descriptors)
        fingerprint.combine(DescribedClip.layout)
        fingerprint.combine(dataset.root.standardizedFileURL.path)
        for clip in clips { fingerprint.combine("\(clip.name) \(Self.stampKey(clip.stamp))") }
        return fingerprint
    }

    /// What names a file in a fingerprint: its size, modification time, device and inode ("-1 0 0 0" when it is absent).
    static func stampKey(_ stamp: FileStamp?) -> String {
        "\(stamp?.size ?? -1) \(stamp?.modified ?? 0) \(stamp?.device ?? 0) \(stamp?.inode ?? 0)"
    }

    /// The whitened super-block PCA and the number of descriptors it was fit on (at most
    /// `descriptors.pcaSample`; fewer when the training clips hold fewer super-blocks), read from
    /// `folder` when a valid one is there, else fit and stored. `sample` gives a clip's sampled rows
    /// (`dimension` values each): it is handed the clip and the chooser of the rows, which maps a
    /// clip's row count to the sorted row indices drawn for it (the same for a model's super-blocks
    /// and for descriptor files holding them, so both fit on the same rows); nil skips the clip.
    func superBlockPCA(clips: [EvaluationPlan.Clip], dimension: Int, folder: URL,
                       events: @escaping @Sendable (EvaluationEvent) -> Void,
                       sample: @escaping @Sendable (EvaluationPlan.Clip, (Int) -> [Int]) throws -> Matrix?) throws -> StoredReduction.Fit {
        switch StoredReduction.read(folder) {
        case let .valid(stored):
            events(.stage(.superBlockPCA, cached: true))
            return stored
        case let .invalid(reason):
            events(.recomputing(SkippedItem(item: "super-block PCA", reason: reason)))
        case .absent:
            break
        }
        events(.stage(.superBlockPCA, cached: false))
        // The sample (the paper's: 100,000 descriptors of 4,800 values, 1.9 GB) is parked in an unlinked
        // file beside the PCA's folder as it is drawn and streamed back twice (mean, covariance), in
        // clip order as if concatenated: the same rows, order and covariance chunks as in memory.
        let cache = folder.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let spill = try RowSpillFile(in: cache, dimension: dimension)
        let quota = (settings.descriptors.pcaSample + clips.count - 1) / max(clips.count, 1)
        let parts = ResultSlots<Range<Int>>(count: clips.count)
        let counts = ResultSlots<Int>(count: clips.count)
        let failures = ResultSlots<Error>(count: clips.count)
        let unusable = ResultSlots<String>(count: clips.count)
        ParallelWork.forEach(clips.count, work: { i, _ in
            var rng = SeededRandom(seed: UInt64(i) &* 0x9E37_79B9_7F4A_7C15 &+ 17)
            do {
                guard let rows = try sample(clips[i], { count in
                    counts[i] = count
                    return rng.sample(min(quota, count), from: count).sorted()
                }) else { return }
                parts[i] = try spill.append(rows)
            } catch let clip as UnusableClip { unusable[i] = clip.reason } catch { failures[i] = error }
        }, done: { events(.progress(done: $0, total: clips.count)) })
        if let failure = failures.values.compactMap({ $0 }).first { throw failure }
        let order = parts.values.compactMap { $0 }.flatMap { Array($0) }
        if order.count <= settings.descriptors.pcaDimensions {
            // Say why the training clips gave so few: not the settings' fault when no clip decodes.
            let reasons = zip(clips, unusable.values).compactMap { clip, reason in reason.map { "\(clip.name): \($0)" } }
            let why = reasons.isEmpty ? "" : "; \(reasons.count) of the \(clips.count) training clips gave none (e.g. \(reasons[0]))"
            throw EvaluationError.tooFewSuperBlocks(got: order.count, dimensions: settings.descriptors.pcaDimensions, why: why)
        }
        let pca = try DescriptorReduction.fit(SelectedRows(spill, indices: order), dimensions: settings.descriptors.pcaDimensions,
                                              sampleLimit: settings.descriptors.pcaSample, seed: 1)
        var clipRows: [String: Int] = [:]
        for (i, clip) in clips.enumerated() where parts.values[i] != nil { clipRows[clip.name] = counts.values[i] }
        let fit = StoredReduction.Fit(pca: pca, sampleRows: min(order.count, settings.descriptors.pcaSample), clipRows: clipRows)
        // A training clip replaced while it was read would leave a PCA of two datasets.
        try EvaluationPlan.checkUnchanged(clips, output: output)
        try StoredReduction.write(fit, to: folder)
        return fit
    }
}
