import Datasets
import Foundation
import Linalg
import Recognition
import Support
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

@Suite("evaluate --descriptors (descriptor files from any tool)", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct OwnDescriptorsTests {
    /// The tiny benchmark's clips in plan order, with their labels.
    static func clips(_ bench: TinyMotionBenchmark) throws -> [EvaluationPlan.Clip] {
        PrepareStage.clips(of: try DatasetLayout.hollywood2.load(root: bench.dataset, split: 1))
    }

    func folder(_ name: String) throws -> URL {
        let url = try TinyMotionBenchmark.shared.get().folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        return url
    }

    /// Synthetic descriptor files, `width` values per row, rows that tell the clip's class apart
    /// (its one-hot label plus noise), positions inside the 16 x 64 x 64 clips.
    func writeSynthetic(to folder: URL, width: Int = 16, positions: Bool = true) throws {
        let bench = try TinyMotionBenchmark.shared.get()
        var rng = SeededRandom(seed: 5)
        for clip in try Self.clips(bench) {
            let rows = 12
            var features = rng.normalMatrix(rows: rows, cols: width)
            let label = clip.labels.firstIndex(of: true) ?? 0
            for r in 0..<rows { features[r, label % width] += 3 }
            var centres = Matrix(rows: rows, cols: 3)
            for r in 0..<rows { (centres[r, 0], centres[r, 1], centres[r, 2]) = (Float(r % 16), Float(5 * r), Float(63 - 5 * r)) }
            let file = OwnDescriptors.file(of: clip, folder: folder, root: bench.dataset)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ClipFeatureFile.write(.init(features: features, positions: positions ? centres : nil), to: file)
        }
    }

    @Test("extract's unreduced features evaluated with --descriptors give evaluate's report: same PCA, same cache, every AP")
    func roundTrip() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        var settings = bench.settings
        settings.encoding.pyramid = [.whole, .quarters, .halves]
        let direct = try folder("byod-direct"), features = try folder("byod-features"), byod = try folder("byod-run")
        let expected = try EvaluationRun(settings: settings, root: bench.dataset, model: bench.model, output: direct).run()
        let inputs = try VideoInputs.clips(of: .hollywood2, root: bench.dataset)
        _ = try FeatureExtraction(inputs: inputs, output: features, model: bench.model, settings: settings).run()
        let report = try EvaluationRun(settings: settings, root: bench.dataset, source: .files(folder: features, reduce: true), output: byod).run()

        let (planA, planB) = (try EvaluationPlan.load(from: direct), try EvaluationPlan.load(from: byod))
        #expect(try planA.reduction(in: direct).components.storage.map(\.bitPattern) == planB.reduction(in: byod).components.storage.map(\.bitPattern))
        for (a, b) in zip(planA.clips, planB.clips) {
            guard case let .valid(x) = CheckedArrayFile.read(planA.descriptorFile(a, in: direct)),
                  case let .valid(y) = CheckedArrayFile.read(planB.descriptorFile(b, in: byod)) else {
                Issue.record("no cached descriptors of \(a.name)"); continue
            }
            // Descriptors, magnitudes and relative centres (rebuilt from the source-pixel positions).
            #expect(x.storage.map(\.bitPattern) == y.storage.map(\.bitPattern), "\(a.name)")
        }
        #expect(report.perClass == expected.perClass)
        #expect(report.confusion == expected.confusion && report.accuracy == expected.accuracy)
        #expect(report.model.descriptors == features.standardizedFileURL.path && report.model.kind == nil)
        // No recogniser: predict and extract --reduce-with say why, naming the run.
        #expect(!FileManager.default.fileExists(atPath: Recogniser.folder(in: byod).path))
        #expect { try Recogniser.load(from: byod) } throws: { "\($0)".hasPrefix("\(byod.path): evaluated the descriptor files in") }
        #expect { try FeatureExtraction(inputs: inputs, output: try folder("byod-reextract"), model: nil, settings: nil, reduceWith: byod).run() } throws: {
            "\($0)".contains("--reduce-with needs a run made with --model")
        }
        #expect(try String(contentsOf: byod.appendingPathComponent("report.md"), encoding: .utf8).contains("Descriptors: the files in"))
        let page = try String(contentsOf: byod.appendingPathComponent(ReportPage.fileName), encoding: .utf8)
        #expect(page.contains("Recognition: descriptors (\(report.model.features) values per row)") && report.model.features == planB.ownDescriptors?.width && page.contains(features.standardizedFileURL.path))
    }

    @Test("arrays numpy wrote go through the protocol, with the super-block PCA and a pyramid, or as they are",
          .enabled(if: Numpy.isAvailable, "python3 with numpy is not installed"))
    func numpyArrays() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let clips = try Self.clips(bench)
        let files = try folder("byod-numpy")
        // Per clip: 12 rows of 16 values, noise plus 3 at the clip's class, float32 and float64 alike; positions inside the clip.
        let list = clips.map { "\(OwnDescriptors.file(of: $0, folder: files, root: bench.dataset).path),\($0.labels.firstIndex(of: true) ?? 0)" }
        _ = try Numpy.run("""
            import sys, os, numpy as np
            for i, line in enumerate(sys.argv[1:]):
                path, label = line.rsplit(",", 1)
                rng = np.random.default_rng(i)
                x = rng.normal(size=(12, 16)); x[:, int(label)] += 3
                os.makedirs(os.path.dirname(path), exist_ok=True)
                np.save(path, x.astype(np.float32 if i % 2 else np.float64))
                r = np.arange(12)
                np.save(path[:-4] + ".positions.npy", np.stack([r % 16, 5 * r, 63 - 5 * r], 1).astype(np.float32))
            """, arguments: list)
        var settings = bench.settings
        settings.descriptors.pcaDimensions = 8
        settings.encoding.pyramid = [.whole, .octants]
        let reduced = try EvaluationRun(settings: settings, root: bench.dataset, source: .files(folder: files, reduce: true),
                                        output: try folder("byod-numpy-pca")).run()
        #expect(reduced.trainClips + reduced.testClips == clips.count && reduced.skippedClips.isEmpty)
        #expect(reduced.encoding?.dimension == settings.vocabulary.words * 9)
        settings.encoding.pyramid = [.whole]
        let plain = try EvaluationRun(settings: settings, root: bench.dataset, source: .files(folder: files, reduce: false),
                                      output: try folder("byod-numpy-plain")).run()
        // The rows carry the class: both runs recognise it far above chance (1/4 of the clips are positives).
        for report in [reduced, plain] { #expect((report.meanAP ?? 0) > 0.9, "mean AP \(report.meanAP ?? 0)") }
    }

    /// Runs evaluate on `files` and returns the one-line error, checking no work was done.
    func refusal(_ files: URL, pyramid: [PyramidGrid] = [.whole]) throws -> String {
        let bench = try TinyMotionBenchmark.shared.get()
        var settings = bench.settings
        settings.descriptors.pcaDimensions = 8
        settings.encoding.pyramid = pyramid
        let out = try folder("byod-refused")
        var message = ""
        #expect {
            try EvaluationRun(settings: settings, root: bench.dataset, source: .files(folder: files, reduce: true), output: out).run()
        } throws: { error in
            message = "\(error)"
            return true
        }
        #expect(!message.contains("\n"))
        #expect(!FileManager.default.fileExists(atPath: EvaluationPlan.file(in: out).path))
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: EvaluationPlan.cache(in: out).path)) ?? []
        #expect(cached.isEmpty, "\(cached)")
        return message
    }

    @Test("a missing clip, a wrong width, a non-finite value, an empty array: refused naming the clip and file, before any work")
    func refusals() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let clips = try Self.clips(bench)
        let files = try folder("byod-bad")
        let victim = clips[3], file = OwnDescriptors.file(of: clips[3], folder: files, root: bench.dataset)
        let expectations: [(String, (URL) throws -> Void, String)] = [
            ("missing", { try FileManager.default.removeItem(at: $0) }, "missing"),
            ("wrong width", { try NPYArray(Matrix(rows: 12, cols: 17)).write(to: $0) }, "17 values per row where 16"),
            ("non-finite", { url in
                var m = try ClipFeatureFile.read(url).features
                m[2, 5] = .nan
                try NPYArray(m).write(to: url)
            }, "non-finite value"),
            ("empty", { try NPYArray(Matrix(rows: 0, cols: 16)).write(to: $0) }, "empty"),
        ]
        for (what, damage, reason) in expectations {
            try writeSynthetic(to: files)
            try damage(file)
            let message = try refusal(files)
            #expect(message.hasPrefix("clip \(victim.name): \(file.path): ") && message.contains(reason), "\(what): \(message)")
        }
        // A super-block PCA that would keep every value (8 of 8), and a folder that is not there.
        try? FileManager.default.removeItem(at: files)
        try writeSynthetic(to: files, width: 8)
        let keepsAll = try refusal(files)
        #expect(keepsAll.contains("descriptors.pcaDimensions") && keepsAll.contains("only 8 per row") && keepsAll.contains("--reduce none"), "\(keepsAll)")
        let nowhere = files.appendingPathComponent("nowhere")
        #expect(try refusal(nowhere) == "\(nowhere.path): no such folder; --descriptors names the folder of the clips' .npy files")
    }

    @Test("without positions a pyramid other than 1x1x1 is refused naming the positions file; 1x1x1 runs")
    func pyramidNeedsPositions() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let files = try folder("byod-no-positions")
        try writeSynthetic(to: files, positions: false)
        let first = OwnDescriptors.file(of: try Self.clips(bench)[0], folder: files, root: bench.dataset)
        let message = try refusal(files, pyramid: [.whole, .quarters])
        #expect(message.hasPrefix("\(ClipFeatureFile.positionsURL(of: first).path): missing; the pyramid 1x1x1,1x2x2 needs"), "\(message)")
        var settings = bench.settings
        settings.descriptors.pcaDimensions = 8
        let report = try EvaluationRun(settings: settings, root: bench.dataset, source: .files(folder: files, reduce: true),
                                       output: try folder("byod-no-positions-run")).run()
        #expect((report.meanAP ?? 0) > 0.9, "mean AP \(report.meanAP ?? 0)")
    }
}
