import Datasets
import Foundation
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

@Suite("evaluate on the UCF101, HMDB51, KTH and CSV layouts", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct BenchmarkLayoutRunTests {
    /// Runs split 1 of `layout` written by `write`, checks what every single-label report holds and returns it.
    func evaluate(_ layout: DatasetLayout, write: (TinyMotionBenchmark, URL) throws -> Void) throws -> EvaluationReport {
        let bench = try TinyMotionBenchmark.shared.get()
        let root = bench.folder.appendingPathComponent("layout-\(layout.rawValue)")
        try? FileManager.default.removeItem(at: root)
        try write(bench, root)
        let out = bench.folder.appendingPathComponent("report-\(layout.rawValue)")
        let report = try EvaluationRun(settings: bench.settings, root: root, datasetLayout: layout, model: bench.model, output: out).run()
        for name in ["report.json", "report.md", "ap.svg", "confusion.svg", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name) missing")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        for key in ["accuracy", "mean_class_accuracy", "classes", "confusion", "split", "mean_ap"] {
            #expect(json[key] != nil, "report.json lacks \(key)")
        }
        let confusion = try #require(report.confusion)
        #expect(confusion.joined().reduce(0, +) == report.testClips, "confusion counts sum to the test clips")
        #expect(confusion.count == report.classes?.count)
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Accuracy (top-1)") && markdown.contains("| accuracy |"))
        // The page draws the same report: a bar and a precision-recall panel per class, the confusion matrix.
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let classes = try #require(report.classes).count
        #expect(page.components(separatedBy: "<rect class=\"bar\"").count - 1 == report.perClass.values.filter { $0.ap11pt != nil }.count)
        #expect(page.components(separatedBy: "<g class=\"pr-panel\">").count - 1 == classes)
        #expect(page.contains("<h2>Confusion matrix</h2>") && page.contains("accuracy (top-1)"))
        return report
    }

    @Test("UCF101 (CRLF lists, a class whose files differ in capitalisation): accuracy well above chance (1/8)")
    func ucf101() throws {
        let report = try evaluate(.ucf101, write: BenchmarkLayoutFixtures.ucf101)
        #expect(report.testClips == 32 && report.trainClips == 32)
        #expect(report.notes?.contains { $0.contains("ShiftLeft") && $0.contains("v_Shiftleft_") } == true)
        let accuracy = try #require(report.accuracy)
        #expect(accuracy > 0.4, "accuracy \(accuracy)")
    }

    @Test("HMDB51 (an absent video coded 0): accuracy well above chance (1/8)")
    func hmdb51() throws {
        let report = try evaluate(.hmdb51, write: BenchmarkLayoutFixtures.hmdb51)
        #expect(report.testClips == 32 && report.trainClips == 32)
        #expect(try #require(report.accuracy) > 0.4)
    }

    @Test("KTH (Schuldt et al.'s person split, said in the report): accuracy well above chance (1/6)")
    func kth() throws {
        let report = try evaluate(.kth, write: BenchmarkLayoutFixtures.kth)
        #expect(report.testClips == 24 && report.trainClips == 24)
        #expect(report.notes?.contains { $0.contains("validation persons") } == true)
        #expect(try #require(report.accuracy) > 0.45)
    }

    @Test("CSV lists: accuracy well above chance (1/8)")
    func csv() throws {
        let report = try evaluate(.csv, write: BenchmarkLayoutFixtures.csv)
        #expect(report.testClips == 32)
        #expect(try #require(report.accuracy) > 0.4)
    }

    @Test("--split all runs the three UCF101 splits and averages their accuracy")
    func allSplits() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let root = bench.folder.appendingPathComponent("layout-ucf101-all")
        try? FileManager.default.removeItem(at: root)
        try BenchmarkLayoutFixtures.ucf101(bench, at: root)
        let out = bench.folder.appendingPathComponent("report-ucf101-all")
        let summary = try AllSplitsRun(EvaluationRun(settings: bench.settings, root: root, datasetLayout: .ucf101,
                                                      model: bench.model, output: out)).run()
        #expect(summary.splits.keys.sorted() == ["1", "2", "3"])
        // Each split's report as written in its own folder, averaged here independently.
        let accuracies = try (1...3).map { split -> Double in
            let url = out.appendingPathComponent("split\(split)/report.json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            #expect(json["split"] as? String == "\(split)")
            return try #require(json["accuracy"] as? Double)
        }
        let mean = (accuracies[0] + accuracies[1] + accuracies[2]) / 3
        let std = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
        #expect(abs((json["accuracy_mean"] as? Double ?? -1) - mean) < 1e-12)
        #expect(abs((json["accuracy_std"] as? Double ?? -1) - std) < 1e-12)
        #expect((json["splits"] as? [String: Any])?.count == 3)
        #expect(summary.splits["2"]?.testClips == 32)
        // The summary page links each split's own page, and each split has one.
        let page = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        for split in 1...3 {
            #expect(page.contains("<a href=\"split\(split)/report.html\">split \(split)</a>"))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("split\(split)/report.html").path))
        }
    }
}
