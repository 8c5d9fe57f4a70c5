import Datasets
import Foundation
import Learners
import Linalg
import Testing
@testable import Runs
@testable import Evaluation
import Studies
import TestSupport

/// A tiny motion dataset, a model trained on it and settings that run the whole protocol in seconds.
final class TinyMotionBenchmark: @unchecked Sendable {
    let folder: URL
    let dataset: URL
    let model: URL
    let settings: VideoPipelineSettings

    static let shared = Result { try TinyMotionBenchmark() }

    init() throws {
        folder = try ScratchFolder("pipeline").url
        dataset = folder.appendingPathComponent("motions")
        model = folder.appendingPathComponent("trec")
        var s = VideoPipelineSettings()
        (s.blocks.frames, s.blocks.height, s.blocks.width) = (4, 8, 8)
        // Whitened blocks of 150 dimensions and only 24 features: random projections keep little of
        // the motion, learned features keep much (checked over dataset seeds 3 to 6: trained 0.55 to 0.78
        // mean AP, random weights 0.44 to 0.53, a margin of 0.11 at least).
        s.blocks.count = 6000
        s.blocks.components = 150
        s.model.features = 24
        s.model.training.epochs = 80
        s.model.training.warmupEpochs = 2
        s.descriptors.superBlock = BlockShape(frames: 6, height: 12, width: 12)
        s.descriptors.stride = BlockShape(frames: 3, height: 6, width: 6)
        s.descriptors.pcaDimensions = 24
        s.descriptors.pcaSample = 3000
        s.vocabulary.words = 32
        s.vocabulary.sample = 6000
        s.vocabulary.initializations = 1
        s.vocabulary.iterations = 15
        settings = s
        _ = try MotionDataset(clipsPerClass: 4, renderer: MotionClipRenderer(width: 64, height: 64, frameCount: 16), seed: 4)
            .write(to: dataset)
        _ = try LearnRun(settings: s, data: dataset.path, output: model).run()
    }

    /// A bundle with the trained model's whitening but random, untrained unit-length weights.
    func randomModel() throws -> URL {
        let trained = try ModelBundle.load(from: model)
        var rng = SeededRandom(seed: 99)
        var weights = rng.normalMatrix(rows: trained.model.inputDimension, cols: trained.model.featureCount)
        for c in 0..<weights.cols {
            let norm = weights.column(c).reduce(0) { $0 + $1 * $1 }.squareRoot()
            for r in 0..<weights.rows { weights[r, c] /= norm }
        }
        let random = ZeroBiasAutoencoder(configuration: .init(activation: .trec, features: trained.model.featureCount),
                                         weights: weights, visibleBias: [Float](repeating: 0, count: weights.rows),
                                         record: TrainingRecord(seed: 99))
        let url = folder.appendingPathComponent("random")
        try ModelBundle(model: random, pca: trained.pca, preprocessing: trained.preprocessing, decoding: trained.decoding).write(to: url)
        return url
    }
}

@Suite("evaluate (recognition protocol)", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct EvaluationRunTests {
    @Test("end to end on a tiny motion dataset: reports written, trained ZAE well above chance and above random weights")
    func endToEnd() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let out = bench.folder.appendingPathComponent("report-trained")
        let report = try EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model, output: out).run()
        for name in ["report.json", "report.md", "ap.svg"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) missing")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        for key in ["mean_ap", "mean_ap_11pt", "per_class", "model", "settings", "skipped_clips", "seconds"] {
            #expect(json[key] != nil, "report.json lacks \(key)")
        }
        // The super-block sample's spill file is gone.
        let cacheFiles = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("cache").path)
        #expect(!cacheFiles.contains { $0.contains("spill") }, "\(cacheFiles)")
        // The model's bundle records its learn stages: time and peak resident memory.
        let learnStages = try #require(try ModelBundle.load(from: bench.model).trainingData?.steps)
        #expect(learnStages.map(\.step) == ["sampling", "whitening", "training"])
        #expect(learnStages.allSatisfy { ($0.peakResidentBytes ?? 0) > 10_000_000 })
        #expect(report.perClass.count == 8 && report.testClips == 32)
        let trained = try #require(report.meanAP)

        let random = try EvaluationRun(settings: bench.settings, root: bench.dataset, model: try bench.randomModel(),
                                        output: bench.folder.appendingPathComponent("report-random")).run()
        let untrained = try #require(random.meanAP)
        // Chance (random scores) is about 1/8 here.
        #expect(trained > 0.45, "trained mean AP \(trained)")
        #expect(trained > untrained + 0.08, "trained \(trained) vs random weights \(untrained)")
    }

    @Test("a first evaluation computes every stage and shows the vocabulary's progress; a second with another C reuses every cached stage")
    func reusesCache() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let out = bench.folder.appendingPathComponent("report-cache")
        let first = EventLog<EvaluationEvent>()
        _ = try EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model, output: out).run(events: first.add)
        let firstStages = Self.stages(first.events)
        #expect(firstStages.filter(\.cached).isEmpty)
        #expect(firstStages.map(\.stage).contains(.superBlockPCA))
        #expect(firstStages.map(\.stage).contains(.descriptors(clips: 64, shard: .whole)))
        // The vocabulary's sampling and its K-means each report progress up to their end.
        #expect(Self.progress(after: .sampling(.vocabulary, clips: 32), in: first.events).last == .init(done: 32, total: 32))
        let fit = try #require(firstStages.map(\.stage).first { if case .encodingModel(.vocabulary, 32, _?) = $0 { true } else { false } })
        #expect(Self.progress(after: fit, in: first.events).last == .init(done: 100, total: 100))
        #expect(firstStages.map(\.stage).dropLast().suffix(2) == [.encodings(.bow, cells: 1, dimension: 32, cachedClips: 0, clips: 64), .kernelSVMs(actions: 8)])
        // Last the page, with thumbnails of each of the 8 classes' 4 top-ranked test clips (some shared).
        let page = firstStages.last?.stage
        #expect({ if case let .page(clips)? = page { (4...32).contains(clips) } else { false } }(), "last step: \(String(describing: page))")

        var other = bench.settings
        other.classifier.c = 10
        let second = EventLog<EvaluationEvent>()
        let report = try EvaluationRun(settings: other, root: bench.dataset, model: bench.model, output: out).run(events: second.add)
        let cached = Self.stages(second.events).filter(\.cached).map(\.stage)
        #expect(cached == [.superBlockPCA, .encodingModel(.vocabulary, size: 32, descriptors: nil),
                           .encodings(.bow, cells: 1, dimension: 32, cachedClips: 64, clips: 64)])
        #expect(report.stages?.first { $0.stage == .descriptors }?.clips == .init(total: 64, described: 0, cached: 64, recomputed: 0, skipped: 0))
    }

    /// The stages a run announced, in order.
    static func stages(_ events: [EvaluationEvent]) -> [(stage: EvaluationStep, cached: Bool)] {
        events.compactMap { if case let .stage(stage, cached) = $0 { (stage, cached) } else { nil } }
    }

    /// Done and total counts of one progress event.
    struct Count: Equatable { var done, total: Int }

    /// The progress events between the start of `stage` and the next stage.
    static func progress(after stage: EvaluationStep, in events: [EvaluationEvent]) -> [Count] {
        guard let start = events.firstIndex(where: { if case .stage(stage, _) = $0 { true } else { false } }) else { return [] }
        var counts: [Count] = []
        for event in events[(start + 1)...] {
            if case .stage = event { break }
            if case let .progress(done, total) = event { counts.append(Count(done: done, total: total)) }
        }
        return counts
    }

    @Test("a corrupt clip is skipped and listed while the rest are evaluated; a bundle of another preprocessing is refused")
    func badClipAndMismatchedBundle() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let copy = bench.folder.appendingPathComponent("motions-damaged")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: bench.dataset, to: copy)
        try Data("garbage".utf8).write(to: copy.appendingPathComponent("AVIClips/actioncliptest00002.avi"))
        let report = try EvaluationRun(settings: bench.settings, root: copy, model: bench.model,
                                        output: bench.folder.appendingPathComponent("report-damaged")).run()
        #expect(report.skippedClips.map(\.clip) == ["actioncliptest00002"])
        #expect(report.skippedClips[0].reason.contains("not a video file"))
        #expect(report.testClips == 31)

        var native = bench.settings
        native.decoding.halfSize = false
        #expect { try EvaluationRun(settings: native, root: bench.dataset, model: bench.model,
                                     output: bench.folder.appendingPathComponent("report-native")).run() } throws: {
            "\($0)".contains("decoding.halfSize") && "\($0)".contains("preprocessing must match")
        }
        var otherBlocks = bench.settings
        otherBlocks.blocks.removeDC.toggle()
        #expect { try EvaluationRun(settings: otherBlocks, root: bench.dataset, model: bench.model,
                                     output: bench.folder.appendingPathComponent("report-dc")).run() } throws: {
            "\($0)".contains("blocks.removeDC") && "\($0)".contains("preprocessing must match")
        }
    }

    @Test("a layout error stops the run before any heavy work")
    func layoutErrorFirst() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let broken = bench.folder.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken.appendingPathComponent("AVIClips"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: broken.appendingPathComponent("ClipSets"), withIntermediateDirectories: true)
        try "clip1 1\nclip2 maybe\n".write(to: broken.appendingPathComponent("ClipSets/Run_train.txt"), atomically: true, encoding: .utf8)
        try "clip3 1\n".write(to: broken.appendingPathComponent("ClipSets/Run_test.txt"), atomically: true, encoding: .utf8)
        let out = bench.folder.appendingPathComponent("report-broken")
        #expect { try EvaluationRun(settings: bench.settings, root: broken, model: bench.model, output: out).run() } throws: {
            "\($0)".contains("Run_train.txt:2")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
