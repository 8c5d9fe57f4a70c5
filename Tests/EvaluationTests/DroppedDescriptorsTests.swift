import Datasets
import Foundation
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

@Suite("dropping a finished run's descriptors (evaluate --drop-descriptors)", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct DroppedDescriptorsTests {
    /// The per-action APs of a report (both kinds), what "the same report" means here.
    func aps(_ report: EvaluationReport) -> [String: [Double?]] { report.perClass.mapValues { [$0.ap, $0.ap11pt] } }

    /// Names of the files in the run's descriptor cache.
    func descriptorFiles(_ output: URL) throws -> [String] {
        let plan = try EvaluationPlan.load(from: output)
        return try FileManager.default.contentsOfDirectory(atPath: plan.descriptorFolder(in: output).path)
    }

    /// Every event's text, collected.
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [EvaluationEvent] = []
        func add(_ event: EvaluationEvent) { lock.withLock { items.append(event) } }
        var all: [EvaluationEvent] { lock.withLock { items } }
    }

    @Test("""
        dropped after finish: encodings, recogniser and reports stay, no descriptor file does; status says finished and dropped; \
        predict, extract --reduce-with and --level clip --run give what they gave before; a resubmission describes nothing and \
        gives the same report; another vocabulary size describes the clips again, once, and equals a run that never dropped
        """)
    func dropAndRerun() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let output = bench.folder.appendingPathComponent("drop-run")
        try? FileManager.default.removeItem(at: output)
        var run = EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model, output: output)
        let before = try run.run()
        let plan = try EvaluationPlan.load(from: output)
        let test = plan.clips.filter { $0.subset == .test }.map { URL(fileURLWithPath: $0.file) }
        let predictedBefore = try ClipPrediction(run: output).run(test).map(\.scores)
        let inputs = try VideoInputs.clips(of: .hollywood2, root: bench.dataset)
        let reducedBefore = bench.folder.appendingPathComponent("drop-reduced-before")
        try? FileManager.default.removeItem(at: reducedBefore)
        _ = try FeatureExtraction(inputs: inputs, output: reducedBefore, model: nil, settings: nil, reduceWith: output).run()

        // A later finish with the flag drops them.
        run.dropDescriptors = true
        let events = Events()
        let finished = try run.finish(events: events.add)
        #expect(aps(finished) == aps(before))
        #expect(finished.descriptorsDropped == true && before.descriptorsDropped == nil)
        #expect(events.all.contains { if case let .droppedDescriptors(clips, bytes) = $0 { clips == plan.clips.count && bytes > 0 } else { false } })
        #expect(try descriptorFiles(output) == ["dropped.json"])
        let cache = try FileManager.default.contentsOfDirectory(atPath: EvaluationPlan.cache(in: output).path)
        #expect(cache.contains { $0.hasPrefix("encodings-") } && cache.contains { $0.hasPrefix("vocabulary-") })
        #expect(!cache.contains { $0.contains(".tmp-") })
        for file in ["report.json", "report.md", "report.html", "recogniser/recogniser.json"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "\(file)")
        }
        #expect(StageRecord.all(in: output).last { $0.stage == .finish }?.descriptorsDropped == true)
        let report = try String(contentsOf: output.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(report.contains("\"descriptors_dropped\" : true"))
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Note: the descriptor cache was dropped after finish (--drop-descriptors)")
                && !before.markdown.contains("descriptor cache was dropped"))

        let status = try EvaluationStatus(output: output)
        #expect(status.finished && status.missing.isEmpty && status.dropped == plan.clips.count)
        #expect(status.text.contains("stages done: prepare, descriptors, finish"), "\(status.text)")
        #expect(status.text.contains("descriptors dropped after finish (\(plan.clips.count) clips)"), "\(status.text)")
        #expect(!status.text.contains("missing"), "\(status.text)")

        // What the other commands read is kept.
        #expect(try ClipPrediction(run: output).run(test).map(\.scores) == predictedBefore)
        let reducedAfter = bench.folder.appendingPathComponent("drop-reduced-after")
        try? FileManager.default.removeItem(at: reducedAfter)
        let reduced = try FeatureExtraction(inputs: inputs, output: reducedAfter, model: nil, settings: nil, reduceWith: output).run()
        #expect(reduced.count(.extracted) == inputs.count)
        for input in inputs {
            #expect(try Data(contentsOf: FeatureExtraction.featuresFile(input, in: reducedAfter))
                    == Data(contentsOf: FeatureExtraction.featuresFile(input, in: reducedBefore)), "\(input.name)")
        }
        let clipLevel = bench.folder.appendingPathComponent("drop-clip-level")
        try? FileManager.default.removeItem(at: clipLevel)
        #expect(try FeatureExtraction(inputs: inputs, output: clipLevel, model: nil, settings: nil, encodeWith: output).run().count(.extracted) == inputs.count)

        // Resubmitting the same evaluate: nothing described again, the same report.
        let resubmitted = Events()
        let again = try run.run(events: resubmitted.add)
        #expect(aps(again) == aps(before) && again.descriptorsDropped == true)
        #expect(try descriptorFiles(output) == ["dropped.json"])
        #expect(!resubmitted.all.contains { if case .recomputing = $0 { true } else { false } })
        #expect(StageRecord.all(in: output).last { $0.stage == .descriptors }?.clips?.dropped == plan.clips.count)

        // Another vocabulary needs the descriptors: one line says so, they are computed again, the report
        // equals that of a run that never dropped them.
        var other = run
        other.settings.vocabulary.words = 16
        other.dropDescriptors = false
        let recomputing = Events()
        let changed = try other.run(events: recomputing.add)
        let lines = recomputing.all.compactMap { if case let .recomputing(item) = $0 { item } else { nil } }
        #expect(lines.count == 1 && lines.first?.item == "descriptors of \(plan.clips.count) clips", "\(lines)")
        #expect(try descriptorFiles(output).filter { $0.hasSuffix(".npy") }.count == plan.clips.count)
        #expect(try !descriptorFiles(output).contains("dropped.json") && (try EvaluationStatus(output: output)).dropped == 0)
        let fresh = bench.folder.appendingPathComponent("drop-never")
        try? FileManager.default.removeItem(at: fresh)
        var never = other
        never.output = fresh
        #expect(aps(changed) == aps(try never.run()))
        #expect(changed.descriptorsDropped == nil)
    }
}
