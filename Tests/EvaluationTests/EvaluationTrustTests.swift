import Foundation
import Linalg
import Support
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

/// What evaluate trusts between runs and stages: only files it wrote, unchanged (cached JSON
/// included, and plan.json), and only the clips the plan was made from.
@Suite("evaluate trusts only what it wrote", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct EvaluationTrustTests {
    /// A run of the tiny benchmark into a fresh folder `name` (on `root`, default the benchmark's dataset).
    func run(_ name: String, root: URL? = nil) throws -> (EvaluationRun, URL) {
        let bench = try TinyMotionBenchmark.shared.get()
        let out = bench.folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: out)
        return (EvaluationRun(settings: bench.settings, root: root ?? bench.dataset, model: bench.model, output: out), out)
    }

    @Test("an edited pca.json or sample.json of the cached super-block PCA is refit, not used; an edited plan.json is refused")
    func cachedJSONIsChecked() throws {
        let reference = try EvaluationStagesTests.reference.get()
        let (run, out) = try run("trust-json")
        try run.prepare()
        let plan = try EvaluationPlan.load(from: out)
        let folder = plan.reductionFolder(in: out)
        // One digit of the whitening's regularization, and a sample size the report would repeat.
        let pcaJSON = folder.appendingPathComponent("pca.json")
        let text = try String(contentsOf: pcaJSON, encoding: .utf8)
        let edited = text.replacingOccurrences(of: #""regularization" ?: ?0"#, with: #""regularization":1"#, options: .regularExpression)
        #expect(edited != text)
        try edited.write(to: pcaJSON, atomically: true, encoding: .utf8)
        let events = EventLog<EvaluationEvent>()
        try run.prepare(events: events.add)
        #expect(events.events.contains { if case let .recomputing(item) = $0 { item.item == "super-block PCA" && item.reason.contains("pca.json") } else { false } })
        try #"{"rows": 5}"#.write(to: folder.appendingPathComponent("sample.json"), atomically: true, encoding: .utf8)
        let again = EventLog<EvaluationEvent>()
        let report = try run.run(events: again.add)
        #expect(again.events.contains { if case let .recomputing(item) = $0 { item.reason.contains("sample.json") } else { false } })
        #expect(sameResults(report, reference), "\(String(describing: report.meanAP)) vs \(String(describing: reference.meanAP))")
        #expect(report.adjustedSettings == reference.adjustedSettings)

        // plan.json with one label flipped: valid JSON and settings, but not what prepare wrote.
        let planFile = EvaluationPlan.file(in: out)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: planFile)) as? [String: Any])
        var clips = try #require(json["clips"] as? [[String: Any]])
        clips[0]["labels"] = (clips[0]["labels"] as! [Bool]).map { !$0 }
        json["clips"] = clips
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: planFile)
        for stage in [{ _ = try run.describe(shard: .whole) }, { _ = try run.finish() }] {
            #expect(throws: (any Error).self) { try stage() }
            #expect { try stage() } throws: { "\($0)".hasPrefix("\(planFile.path): content differs from its recorded checksum")
                && "\($0)".hasSuffix("not the plan evaluate --stage prepare wrote; run it again") }
        }
    }

    @Test("a training clip replaced after prepare: descriptors and finish refuse naming it, instead of mixing two datasets")
    func changedClipIsRefused() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let root = bench.folder.appendingPathComponent("trust-dataset")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.copyItem(at: bench.dataset, to: root)
        let (run, out) = try run("trust-changed", root: root)
        try run.prepare()
        let plan = try EvaluationPlan.load(from: out)
        let trainClip = try #require(plan.clips.first { $0.subset == .train })
        let otherClip = try #require(plan.clips.last { $0.subset == .train })
        // Another clip's video in its place (as `cp other.avi clip.avi` would leave it).
        try FileManager.default.removeItem(atPath: trainClip.file)
        try FileManager.default.copyItem(atPath: otherClip.file, toPath: trainClip.file)
        let refusal = "the dataset changed under the run (\(EvaluationPlan.file(in: out).path)): 1 clip (\(trainClip.name)) differs (\(trainClip.file) was "
        #expect { try run.describe(shard: try ClipShard(parsing: "0/2")) } throws: { "\($0)".hasPrefix(refusal) && "\($0)".contains("run evaluate --stage prepare again") }
        // The shard without it still runs; finish refuses; prepare again takes the new data.
        let clean = try run.describe(shard: try ClipShard(parsing: "1/2"))
        #expect(clean.clips?.total == 32)
        #expect { try run.finish() } throws: { "\($0)".hasPrefix(refusal) }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
        let report = try run.run()
        #expect(report.trainClips == 32 && report.testClips == 32)
    }
}
