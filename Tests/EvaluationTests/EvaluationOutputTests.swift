import Datasets
import Foundation
import Learners
import Support
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

/// status and table read every output evaluate writes (one split, every split), say what is
/// damaged, and never call a run finished whose reports are incomplete.
@Suite("status and table read what evaluate writes", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct EvaluationOutputTests {
    /// A fresh output folder `name` beside the tiny benchmark.
    func folder(_ name: String) throws -> URL {
        let out = try TinyMotionBenchmark.shared.get().folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: out)
        return out
    }

    @Test("an --split all output: status shows every split, table one row with the dataset, the split and the mean over splits; the paper's figure only beside Hollywood2")
    func allSplitsOutputIsRead() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let root = try folder("output-ucf101")
        try BenchmarkLayoutFixtures.ucf101(bench, at: root)
        let out = try folder("output-ucf101-all")
        let summary = try AllSplitsRun(EvaluationRun(settings: bench.settings, root: root, datasetLayout: .ucf101, model: bench.model, output: out)).run()
        let status = try EvaluationStatus(output: out)
        #expect(status.finished && status.splits.map(\.split) == [1, 2, 3] && status.damaged.isEmpty)
        #expect(status.text.contains("evaluate --split all, 3 splits") && status.text.contains("all splits: finished"))
        #expect(status.text.contains("split 3:\n  \(out.path)/split3\n  stages done: prepare, descriptors, finish"), "\(status.text)")

        _ = try EvaluationStagesTests.reference.get()
        let hollywood2 = bench.folder.appendingPathComponent("stages-reference")
        let table = EvaluationTable(runs: [out, out.appendingPathComponent("split2"), hollywood2])
        #expect(table.rows.allSatisfy { $0.error == nil }, "\(table.rows.compactMap(\.error))")
        let (all, two, h2) = (table.rows[0], table.rows[1], table.rows[2])
        #expect(all.dataset == "UCF101" && all.split == "all (1, 2, 3)" && all.model == "trec" && all.paper == nil)
        #expect(abs(try #require(all.meanAP) - 100 * (try #require(summary.meanAPMean))) < 1e-9)
        #expect(two.dataset == "UCF101" && two.split == "2" && two.paper == nil)
        #expect(h2.dataset == "Hollywood2" && h2.split == Hollywood2Layout.splitName && h2.paper == LearnerKind.trec.paperMeanAP)
        #expect(table.markdown.contains("| trec | 24 | UCF101 | all (1, 2, 3) | "))
        #expect(table.markdown.contains("| trec | 24 | Hollywood2 | ClipSets train/test | "))
    }

    @Test("status refuses a missing path or a file and names a damaged stage record or report.json")
    func statusNamesWhatIsWrong() throws {
        let missing = try folder("output-missing")
        #expect { try EvaluationStatus(output: missing) } throws: { "\($0)" == "\(missing.path): no such folder, not an evaluate --out folder" }
        let file = try folder("output-file")
        try Data("x".utf8).write(to: file)
        #expect { try EvaluationStatus(output: file) } throws: { "\($0)" == "\(file.path): a file, not an evaluate --out folder" }

        let bench = try TinyMotionBenchmark.shared.get()
        let out = try folder("output-damaged")
        _ = try EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model, output: out).run()
        #expect(try EvaluationStatus(output: out).finished)
        let record = out.appendingPathComponent("stages/prepare.json")
        try Data("{\"stage\": \"prepare\"".utf8).write(to: record)
        try Data("{}".utf8).write(to: out.appendingPathComponent("report.json"))
        let status = try EvaluationStatus(output: out)
        #expect(!status.finished)
        #expect(status.damaged == ["\(record.path): not valid JSON", "\(out.path)/report.json: \"actions_without_ap\" is missing; it is required"], "\(status.damaged)")
        #expect(status.text.contains("damaged: \(record.path): not valid JSON"))
        #expect(!status.text.contains("stages done: prepare, descriptors, finish"))
    }

    @Test("a report that cannot be written whole (report.md unwritable, as on a full disk) leaves no report.json and no finished status")
    func reportsAreCompleteAsASet() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let out = try folder("output-partial")
        let run = EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model, output: out)
        _ = try run.run()
        #expect(try EvaluationStatus(output: out).finished)
        // report.md becomes a folder that is not empty: its atomic rename must fail.
        let markdown = out.appendingPathComponent("report.md")
        try FileManager.default.removeItem(at: markdown)
        try FileManager.default.createDirectory(at: markdown.appendingPathComponent("in-the-way"), withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try run.finish() }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.json").path))
        let status = try EvaluationStatus(output: out)
        #expect(!status.finished && !status.text.contains("stages done: prepare, descriptors, finish"))
        try FileManager.default.removeItem(at: markdown)
        _ = try run.finish()
        #expect(try EvaluationStatus(output: out).finished)
    }

    @Test("settings the data cannot satisfy are named before any work: PCA dimensions beyond a descriptor, clips cut shorter than a super-block; clips that give no super-block are named, not the settings")
    func settingsCheckedAgainstTheData() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        func prepare(_ change: (inout VideoPipelineSettings) -> Void, root: URL? = nil) throws -> String {
            var settings = bench.settings
            change(&settings)
            let out = try folder("output-settings")
            do { try EvaluationRun(settings: settings, root: root ?? bench.dataset, model: bench.model, output: out).prepare() } catch { return "\(error)" }
            return "(prepared)"
        }
        #expect(try prepare { $0.descriptors.pcaDimensions = 100_000; $0.descriptors.pcaSample = 200_000 }
                .hasPrefix("invalid setting \"descriptors.pcaDimensions\" is 100000, more than the "))
        #expect(try prepare { $0.decoding.maxFrames = 5 }
                == "invalid setting \"decoding.maxFrames\" is 5, fewer frames than a super-block's 6 (descriptors.superBlock): no clip could be described (0: all frames)")
        // Every training clip an empty file: the clips are named, not the PCA's settings.
        let root = try folder("output-empty-clips")
        try FileManager.default.copyItem(at: bench.dataset, to: root)
        let plan = try EvaluationPlan.load(from: bench.folder.appendingPathComponent("stages-reference"))
        for clip in plan.clips where clip.subset == .train {
            try Data().write(to: root.appendingPathComponent("AVIClips").appendingPathComponent(URL(fileURLWithPath: clip.file).lastPathComponent))
        }
        let empty = try prepare({ _ in }, root: root)
        #expect(empty.hasPrefix("the training clips gave 0 super-blocks") && empty.contains("32 of the 32 training clips gave none (e.g. "), "\(empty)")
        #expect(empty.contains("empty file"), "\(empty)")
    }
}
