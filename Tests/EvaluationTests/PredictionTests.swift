import Datasets
import Foundation
import Linalg
import Recognition
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

@Suite("predict (a run's recogniser on clips)", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct PredictionTests {
    /// Runs evaluate on the tiny benchmark with `change` applied, into a fresh folder.
    func evaluate(_ name: String, change: (inout VideoPipelineSettings) -> Void = { _ in }) throws -> (EvaluationReport, URL) {
        let bench = try TinyMotionBenchmark.shared.get()
        var settings = bench.settings
        change(&settings)
        let output = bench.folder.appendingPathComponent("predict-\(name)")
        try? FileManager.default.removeItem(at: output)
        return (try EvaluationRun(settings: settings, root: bench.dataset, model: bench.model, output: output).run(), output)
    }

    @Test("predicting a run's own test clips gives the scores its APs were computed from, to the last digit (bag of words; Fisher over a pyramid)",
          arguments: ["bow", "fisher"])
    func ownTestClipsGiveTheReportsAPs(_ encoding: String) throws {
        let (report, output) = try evaluate(encoding) {
            if encoding == "fisher" {
                $0.encoding.method = .fisher(.init(components: 4))
                $0.encoding.pyramid = [.whole, .quarters]
            }
        }
        let plan = try EvaluationPlan.load(from: output)
        let test = plan.clips.filter { $0.subset == .test }
        let outcomes = try ClipPrediction(run: output).run(test.map { URL(fileURLWithPath: $0.file) })
        #expect(outcomes.allSatisfy { $0.failure == nil })
        for (a, action) in plan.actions.enumerated() {
            let scores = outcomes.map { $0.scores![a] }, labels = test.map { $0.labels[a] }
            let ap = AveragePrecision.nonInterpolated(scores: scores, labels: labels)
            #expect(ap == report.perClass[action]?.ap, "\(action): predict's AP \(ap), the report's \(String(describing: report.perClass[action]?.ap))")
            #expect(AveragePrecision.elevenPoint(scores: scores, labels: labels) == report.perClass[action]?.ap11pt)
        }
    }

    @Test("the kernel's mean training distance is recorded as finish fit it; a recogniser written without it recomputes it to the same scores")
    func recordedKernelMeanDistance() throws {
        let (_, output) = try evaluate("mean-distance")
        let plan = try EvaluationPlan.load(from: output)
        let clips = plan.clips.filter { $0.subset == .test }.prefix(3).map { URL(fileURLWithPath: $0.file) }
        let recogniser = try Recogniser.load(from: output)
        guard case let .kernel(training, recorded, _) = recogniser.classifiers else {
            Issue.record("the tiny benchmark's run should keep chi-squared-kernel SVMs")
            return
        }
        #expect(recorded == (try ChiSquaredKernel(training: training)).meanDistance)
        let scores = try ClipPrediction(run: output).run(clips).map(\.scores)

        let manifest = Recogniser.folder(in: output).appendingPathComponent("recogniser.json")
        let record = try String(contentsOf: manifest, encoding: .utf8)
        let older = record.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"kernel_mean_distance\"") }
        #expect(older.count == record.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        try older.joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        guard case let .kernel(_, recomputed, _) = try Recogniser.load(from: output).classifiers else { return }
        #expect(recomputed == recorded)
        #expect(try ClipPrediction(run: output).run(clips).map(\.scores) == scores)
    }

    @Test("a clip that does not decode is reported and the rest scored; a changed bundle, a damaged file, another format: one line naming it")
    func failures() throws {
        let (_, output) = try evaluate("failures")
        let plan = try EvaluationPlan.load(from: output)
        let scratch = try ScratchFolder("predict")
        defer { scratch.remove() }
        let broken = try scratch.write("not a video", to: "broken.avi")
        let outcomes = try ClipPrediction(run: output).run([broken, URL(fileURLWithPath: plan.clips[0].file)])
        #expect(outcomes[0].scores == nil && outcomes[0].failure?.contains("broken.avi") == true)
        #expect(outcomes[1].scores?.count == plan.actions.count)

        let folder = Recogniser.folder(in: output)
        let svm = folder.appendingPathComponent("svm-0.model")
        let original = try Data(contentsOf: svm)
        try (original + Data(" ".utf8)).write(to: svm)
        #expect { try ClipPrediction(run: output) } throws: { "\($0)" == "\(svm.path): content differs from its recorded checksum (changed or damaged)" }
        try original.write(to: svm)

        let manifest = folder.appendingPathComponent("recogniser.json")
        let record = try String(contentsOf: manifest, encoding: .utf8)
        try record.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : 0").write(to: manifest, atomically: true, encoding: .utf8)
        #expect { try ClipPrediction(run: output) } throws: { "\($0)".hasPrefix("\(manifest.path): recogniser format 0, this zae-video reads format 1") }
        try record.write(to: manifest, atomically: true, encoding: .utf8)

        let bundle = URL(fileURLWithPath: plan.model)
        let note = bundle.appendingPathComponent("extra.txt")
        try "changed".write(to: note, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: note) }
        #expect { try ClipPrediction(run: output) } throws: { "\($0)".hasPrefix("\(plan.model): the model bundle changed") }
        try FileManager.default.removeItem(at: note)
        _ = try ClipPrediction(run: output)
        #expect { try ClipPrediction(run: scratch.url) } throws: { "\($0)".contains("no recogniser here") }
    }
}
