import Foundation
import Linalg
import Support
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

/// The 16-bit descriptor cache (`descriptors.storage`): half the bytes, the vocabulary of a float32
/// cache exactly, clips encoded from their descriptors rounded to half precision.
@Suite("the 16-bit descriptor cache", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct DescriptorStorageTests {
    /// The tiny benchmark's settings with a vocabulary sample of 30 rows per training clip (of 32; each holds 64).
    static func settings(_ storage: FloatPrecision) throws -> VideoPipelineSettings {
        var s = try TinyMotionBenchmark.shared.get().settings
        s.vocabulary.sample = 960
        s.descriptors.storage = storage
        return s
    }

    /// A whole run at `storage` into a fresh folder `name`.
    static func run(_ name: String, _ storage: FloatPrecision) throws -> (EvaluationRun, URL, EvaluationReport) {
        let bench = try TinyMotionBenchmark.shared.get()
        let out = bench.folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: out)
        let run = EvaluationRun(settings: try settings(storage), root: bench.dataset, model: bench.model, output: out)
        return (run, out, try run.run())
    }

    static let runs = Result { () throws -> (half: (EvaluationRun, URL, EvaluationReport), single: (EvaluationRun, URL, EvaluationReport)) in
        (try run("storage-float16", .float16), try run("storage-float32", .float32))
    }

    /// The one cached vocabulary of an output folder, as bytes.
    func vocabulary(in output: URL) throws -> Data {
        let cache = EvaluationPlan.cache(in: output)
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("vocabulary-") && $0.hasSuffix(".npy") }
        try #require(names.count == 1, "\(names)")
        return try Data(contentsOf: cache.appendingPathComponent(names[0]))
    }

    @Test("each value in 2 bytes; every clip the float32 cache's values rounded to half precision; the same vocabulary byte for byte")
    func halfTheBytesSameVocabulary() throws {
        let (half, single) = try Self.runs.get()
        let (halfPlan, singlePlan) = (try EvaluationPlan.load(from: half.1), try EvaluationPlan.load(from: single.1))
        #expect(VocabularySample(try Self.settings(.float16).vocabulary, clips: halfPlan.trainingClipCount).quota == 30)
        let planned = VocabularySample.planned(halfPlan)
        #expect(planned.count == halfPlan.trainingClipCount)
        for (a, b) in zip(halfPlan.clips, singlePlan.clips) {
            let (fileA, fileB) = (halfPlan.descriptorFile(a, in: half.1), singlePlan.descriptorFile(b, in: single.1))
            let (bytesA, bytesB) = (try Data(contentsOf: fileA), try Data(contentsOf: fileB))
            let arrayA = try NPYArray(data: bytesA, path: fileA.path), arrayB = try NPYArray(data: bytesB, path: fileB.path)
            guard case .float16 = arrayA.elements, case .float32 = arrayB.elements else { Issue.record("\(a.name): not float16 and float32"); continue }
            #expect(arrayA.shape == arrayB.shape && bytesA.count - 128 == (bytesB.count - 128) / 2, "\(a.name)")
            guard case let .valid(clipA) = DescribedClip.read(fileA), case let .valid(clipB) = DescribedClip.read(fileB) else {
                Issue.record("\(a.name): unreadable"); continue
            }
            #expect(clipA.packed == clipB.stored(at: .float16).packed, "\(a.name)")
            // Training clips keep their sampled rows exact, the float32 cache's rows at the drawn indices.
            let sampleFile = DescribedClip.sampleFile(of: fileA)
            if a.subset == .train {
                let counted = try #require(planned[a.name])
                guard case let .valid(rows) = CheckedArrayFile.read(sampleFile) else { Issue.record("\(a.name): no sampled rows"); continue }
                #expect(counted.rows == clipB.clip.descriptors.rows && a.rows == counted.rows)
                #expect(counted.drawn.count == 30 && rows == clipB.clip.descriptors.rows(at: counted.drawn), "\(a.name)")
            } else {
                #expect(!FileManager.default.fileExists(atPath: sampleFile.path), "\(a.name)")
            }
            #expect(!FileManager.default.fileExists(atPath: DescribedClip.sampleFile(of: fileB).path))
        }
        #expect(try vocabulary(in: half.1) == vocabulary(in: single.1))
    }

    @Test("a missing or edited file of sampled rows is described again, naming it; finish refuses a missing one, naming it")
    func sampledRowsAreChecked() throws {
        let (_, out, _) = try Self.run("storage-trust", .float16)
        let run = EvaluationRun(settings: try Self.settings(.float16), root: try TinyMotionBenchmark.shared.get().dataset,
                                model: try TinyMotionBenchmark.shared.get().model, output: out)
        let plan = try EvaluationPlan.load(from: out)
        let clip = try #require(plan.clips.first { $0.subset == .train })
        let sampleFile = DescribedClip.sampleFile(of: plan.descriptorFile(clip, in: out))
        let original = try Data(contentsOf: sampleFile)
        for damage in [{ try FileManager.default.removeItem(at: sampleFile) }, { try Data(original.dropLast(8)).write(to: sampleFile) }] {
            try damage()
            let events = EventLog<EvaluationEvent>()
            let record = try run.describe(shard: .whole, events: events.add)
            #expect(record.clips?.recomputed == 1 && record.clips?.cached == plan.clips.count - 1)
            #expect(events.events.contains { if case let .recomputing(item) = $0 { item.item == clip.name && item.reason.contains(sampleFile.path) } else { false } })
            #expect(try Data(contentsOf: sampleFile) == original)
        }
        // Finish samples only when its vocabulary is not cached.
        let cache = EvaluationPlan.cache(in: out)
        for name in try FileManager.default.contentsOfDirectory(atPath: cache.path) where name.hasPrefix("vocabulary-") {
            try FileManager.default.removeItem(at: cache.appendingPathComponent(name))
        }
        try FileManager.default.removeItem(at: sampleFile)
        #expect { try run.finish() } throws: { "\($0)".hasPrefix("\(sampleFile.path): missing") && "\($0)".hasSuffix("rerun evaluate --stage descriptors (or the same command) to compute it again") }
        #expect(plan.state(of: clip, in: out) == .missing)
    }

    @Test("finish with another vocabulary seed than the plan's fits on the 16-bit rows and says so")
    func otherSampleSaysSo() throws {
        let (half, _) = try Self.runs.get()
        var settings = try Self.settings(.float16)
        settings.vocabulary.seed = 2
        let events = EventLog<EvaluationEvent>()
        let report = try FinishStage(settings: settings, output: half.1).run(events: events.add)
        #expect(report.meanAP != nil)
        #expect(events.events.contains { if case let .notice(text) = $0 { text.hasPrefix("the vocabulary is fit on 16-bit descriptors") } else { false } })
        let plain = EventLog<EvaluationEvent>()
        _ = try FinishStage(settings: try Self.settings(.float16), output: half.1).run(events: plain.add)
        #expect(!plain.events.contains { if case .notice = $0 { true } else { false } })
    }

    @Test("the sample is one seeded stream across the training clips, min(quota, rows) distinct rows of each, as finish drew it before the 16-bit cache")
    func sampleIsOneStream() {
        var v = VideoPipelineSettings.Vocabulary()
        (v.sample, v.seed) = (1000, 3)
        let counts = [500, 20, 143, 144, 1, 900, 300]
        let drawn = VocabularySample.draw(v, rowCounts: counts)
        // The loop EncodingStep.sample ran before: one generator, each clip's partial Fisher-Yates draw.
        var rng = SeededRandom(seed: 3)
        let reference = counts.map { rng.sample(min(143, $0), from: $0) }
        #expect(drawn == reference)
        #expect(zip(drawn, counts).allSatisfy { rows, count in rows.count == min(143, count) && Set(rows).count == rows.count && rows.allSatisfy { (0..<count).contains($0) } })
        // A clip's draw depends on the sizes of the clips before it (and their number), not on those after.
        #expect(VocabularySample.draw(v, rowCounts: Array(counts.prefix(3)) + [7, 7, 7, 7]).prefix(3) == drawn.prefix(3))
        #expect(VocabularySample.draw(v, rowCounts: [100] + counts.dropFirst())[1] != drawn[1])
    }
}
