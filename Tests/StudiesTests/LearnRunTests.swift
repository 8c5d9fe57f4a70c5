import Datasets
import Foundation
import Learners
import Linalg
import Testing
import TestSupport
import Video
@testable import Runs
@testable import Studies

/// Paths the pipeline tests share.
enum PipelineFixtures {
    /// Small, fast learn settings.
    static func smallSettings(kind: ModelKind = .trec, epochs: Int = 4) -> VideoPipelineSettings {
        var s = VideoPipelineSettings()
        (s.blocks.frames, s.blocks.height, s.blocks.width) = (4, 8, 8)
        s.blocks.count = 1500
        s.blocks.components = 40
        s.blocks.frameComponents = 12
        s.model.kind = kind
        s.model.features = 24
        s.model.training.factors = 16
        s.model.training.epochs = epochs
        s.model.training.warmupEpochs = 1
        return s
    }
}

@Suite("learn", .tags(.slow), .timeLimit(.minutes(10)))
struct LearnRunTests {
    @Test("learning on real fixture clips writes a bundle that reloads and encodes as training did")
    func learnsAndReloads() throws {
        let scratch = try ScratchFolder("pipeline").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("model")
        let run = LearnRun(settings: PipelineFixtures.smallSettings(), data: TestPaths.fixtureVideos.path, output: out)
        let bundle = try run.run()
        #expect(!FileManager.default.fileExists(atPath: run.checkpointFolder.path))
        let loaded = try ModelBundle.load(from: out)
        #expect(loaded.model.kind == .trec && loaded.model.featureCount == 24 && loaded.model.record.epochs.count == 4)
        let whitening = try loaded.patchWhitening()
        #expect(loaded.preprocessing == bundle.preprocessing && loaded.decoding == bundle.decoding && loaded.settings == bundle.settings)
        #expect(try loaded.settings?.decode(as: VideoPipelineSettings.self) == PipelineFixtures.smallSettings())
        #expect(whitening.outputDimension == 40 && whitening.shape == BlockShape(frames: 4, height: 8, width: 8))
        var rng = SeededRandom(seed: 1)
        let probe = rng.normalMatrix(rows: 5, cols: 256, scale: 30)
        let codesSaved = bundle.model.encode(whitening.apply(probe))
        #expect(loaded.model.encode(whitening.apply(probe)) == codesSaved)
    }

    @Test("a gated RBM learns on per-frame whitening")
    func grbmUsesFrames() throws {
        let scratch = try ScratchFolder("pipeline").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("grbm")
        let bundle = try LearnRun(settings: PipelineFixtures.smallSettings(kind: .grbm, epochs: 2),
                                  data: TestPaths.fixtureVideos.path, output: out).run()
        #expect(bundle.preprocessing?.whitening == .perFrame)
        #expect(bundle.model.inputDimension == 4 * 12)
        // The bundle reloads and rebuilds its per-frame whitening (12 per frame, 4 frames).
        let loaded = try ModelBundle.load(from: out)
        let whitening = try loaded.patchWhitening()
        #expect(whitening.perFrame && whitening.outputDimension == loaded.model.inputDimension)
    }

    @Test("bad clips among good ones are skipped and named; the rest are used and give the blocks the bad ones owed")
    func skipsBadClips() throws {
        let scratch = try ScratchFolder("pipeline").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        let clips = scratch.appendingPathComponent("clips")
        try FileManager.default.createDirectory(at: clips, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.fixtureVideos.appendingPathComponent("moving-dots-96x64.avi"),
                                         to: clips.appendingPathComponent("good.avi"))
        try Data("not a video".utf8).write(to: clips.appendingPathComponent("corrupt.avi"))
        let short = try VideoWriter(path: clips.appendingPathComponent("short.avi").path, width: 64, height: 64)
        for _ in 0..<3 { try short.append(GrayFrame(width: 64, height: 64, pixels: [UInt8](repeating: 90, count: 64 * 64))) }
        try short.finish()

        let skipped = SkippedCollector()
        let bundle = try LearnRun(settings: PipelineFixtures.smallSettings(epochs: 1), data: clips.path,
                         output: scratch.appendingPathComponent("model")).run { event in
            if case let .blocks(_, used, items) = event { skipped.set(used: used, items: items) }
        }
        #expect(skipped.used == 1)
        let reasons = skipped.items.map(\.description)
        #expect(reasons.count == 2)
        #expect(reasons.contains { $0.contains("corrupt.avi") && $0.contains("not a video") })
        #expect(reasons.contains { $0.contains("short.avi") && $0.contains("smaller than one 4 x 8 x 8 block") })
        // 1,500 blocks asked, a quota of 500 per clip: the one clip that decodes gives all 1,500.
        #expect(bundle.trainingData?.blocks == 1500)
    }

    @Test("an output holding another model is refused unless forced; a folder without videos is an error")
    func refusesOtherModelAndEmptyData() throws {
        let scratch = try ScratchFolder("pipeline").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("model")
        _ = try LearnRun(settings: PipelineFixtures.smallSettings(epochs: 1), data: TestPaths.fixtureVideos.path, output: out).run()
        let cae = PipelineFixtures.smallSettings(kind: .cae, epochs: 1)
        #expect { try LearnRun(settings: cae, data: TestPaths.fixtureVideos.path, output: out).run() } throws: {
            "\($0)".contains("already holds a trec model")
        }
        _ = try LearnRun(settings: cae, data: TestPaths.fixtureVideos.path, output: out, force: true).run()
        #expect(ModelBundle.peekKind(at: out) == .cae)

        let empty = scratch.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect { try LearnRun(settings: cae, data: empty.path, output: scratch.appendingPathComponent("m2")).run() } throws: {
            "\($0)".contains("no video files here")
        }
    }

    @Test("a diverging run stops with the model, epoch and learning rate, and writes no model")
    func divergence() throws {
        let scratch = try ScratchFolder("pipeline").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        var settings = PipelineFixtures.smallSettings(epochs: 4)
        settings.model.training.learningRate = 1e4
        let out = scratch.appendingPathComponent("model")
        #expect { try LearnRun(settings: settings, data: TestPaths.fixtureVideos.path, output: out).run() } throws: {
            "\($0)".contains("trec diverged in epoch") && "\($0)".contains("10000")
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("Pipelines/hollywood2.json holds exactly the built-in defaults; unknown keys are refused")
    func pipelineFile() throws {
        let file = TestPaths.packageRoot.appendingPathComponent("Pipelines/hollywood2.json")
        #expect(try SettingsFile.load(file, over: VideoPipelineSettings()) == VideoPipelineSettings())
        #expect(try String(contentsOf: file, encoding: .utf8) == SettingsFile.encode(VideoPipelineSettings()))
        let typo = Data(#"{"model": {"featurs": 10}}"#.utf8)
        #expect { try SettingsFile.decode(typo, over: VideoPipelineSettings(), path: "typo.json") } throws: {
            "\($0)" == "typo.json: setting \"model.featurs\" is not a setting (unknown key)"
        }
        let partial = try SettingsFile.decode(Data(#"{"model": {"features": 10}}"#.utf8), over: VideoPipelineSettings(), path: "p.json")
        #expect(partial.model.features == 10 && partial.blocks == VideoPipelineSettings().blocks)
    }
}

/// Collects what a learn run reported about its clips.
final class SkippedCollector: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var used = 0
    private(set) var items: [SkippedItem] = []

    func set(used: Int, items: [SkippedItem]) {
        lock.lock(); defer { lock.unlock() }
        self.used = used
        self.items = items
    }
}

@Suite("learn: blocks and memory")
struct LearnBlockCountTests {
    @Test("fewer blocks than twice the whitened dimensions are refused before any work, with the numbers")
    func refusesTooFewBlocksForTheWhitening() throws {
        let scratch = try ScratchFolder("pipeline").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        var settings = PipelineFixtures.smallSettings(epochs: 1)
        settings.blocks.count = 79
        #expect { try LearnRun(settings: settings, data: "no/such/data", output: scratch.appendingPathComponent("m")).run() } throws: {
            "\($0)".contains("asks for 79 training blocks, which cannot be whitened to 40 dimensions: at least 80")
        }
    }

    @Test("asking for more blocks than the clips that decode hold is refused with the numbers")
    func refusesMoreBlocksThanTheDataHolds() throws {
        let scratch = try ScratchFolder("pipeline").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        let clips = scratch.appendingPathComponent("clips")
        try FileManager.default.createDirectory(at: clips, withIntermediateDirectories: true)
        // 10 frames of 32 x 32 (16 x 16 after halving): 7 x 9 x 9 = 567 distinct 4 x 8 x 8 blocks.
        let writer = try VideoWriter(path: clips.appendingPathComponent("small.avi").path, width: 32, height: 32)
        for t in 0..<10 { try writer.append(GrayFrame(width: 32, height: 32, pixels: (0..<1024).map { UInt8(($0 * 7 + t * 13) % 251) })) }
        try writer.finish()
        try Data("not a video".utf8).write(to: clips.appendingPathComponent("bad.avi"))
        #expect { try LearnRun(settings: PipelineFixtures.smallSettings(epochs: 1), data: clips.path,
                               output: scratch.appendingPathComponent("m")).run() } throws: {
            "\($0)" == "invalid setting \"blocks.count\" asks for 1500 blocks, but the 1 of 2 clips that decode hold 567 distinct 4x8x8 blocks"
        }
    }

    @Test("the memory estimate: the paper's learn (TRec and gated RBM) steps fit in 2 GB; a run larger than the machine is refused")
    func memoryEstimate() throws {
        let paper = VideoPipelineSettings()
        let learn = MemoryEstimate.learn(paper, workers: 2)
        #expect(learn.steps.map(\.step) == ["sampling", "whitening", "training"])
        for step in learn.steps { #expect(step.bytes < 2e9, "\(step)") }
        // The gated RBM whitens frames apart, 10 x 64 = 640 dimensions: its training holds the whitened rows once.
        var grbm = paper
        grbm.model.kind = .grbm
        let grbmLearn = MemoryEstimate.learn(grbm, workers: 2)
        for step in grbmLearn.steps { #expect(step.bytes < 2e9, "\(step)") }
        #expect(grbmLearn.steps[2].bytes > 500_000 * 640 * 4)
        // The raw blocks alone: 500,000 x 2,560 pixels.
        #expect(learn.steps[0].bytes > 1.28e9)
        var huge = paper
        huge.model.features = 1_000_000_000
        #expect { try MemoryEstimate.learn(huge).check("learn", available: 8e9) } throws: {
            "\($0)".hasPrefix("learn would need about 4.8 TB of memory in training") && "\($0)".contains("this machine has 8.00 GB")
        }
        try MemoryEstimate.learn(paper).check("learn", available: 8e9)
    }
}
