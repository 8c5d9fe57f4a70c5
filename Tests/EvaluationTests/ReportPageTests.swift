import Datasets
import Foundation
import Testing
import TestSupport
@testable import Evaluation

@Suite("report pages in a browser", .serialized, .tags(.slow), .timeLimit(.minutes(10)),
       .enabled(if: HeadlessBrowser.isAvailable, "headless Chromium is not installed (.ci/install-deps installs chromium-headless-shell)"))
struct ReportPageTests {
    /// A class name that is markup: the page must show it as text everywhere.
    static let hostileClass = "<script>alert(\"x\")</script>"

    /// Renders `out/report.html` and checks what every report page must show: no console messages,
    /// every thumbnail decodes, a bar and a precision-recall panel per class, a drawn screenshot.
    func checkInBrowser(_ out: URL, report: EvaluationReport) throws -> HeadlessBrowser.Rendering {
        let shown = try HeadlessBrowser.render(out.appendingPathComponent(ReportPage.fileName), screenshot: out.deletingLastPathComponent().appendingPathComponent("\(out.lastPathComponent).png"))
        #expect(shown.consoleMessages.isEmpty, "console: \(shown.consoleMessages)")
        let classes = report.perClass.count
        #expect(shown.imageWidths.count == 4 * classes && shown.imageWidths.allSatisfy { $0 > 0 }, "thumbnails: \(shown.imageWidths)")
        #expect(shown.count("<rect class=\"bar\"") == report.perClass.values.filter { $0.ap11pt != nil }.count)
        #expect(shown.count("<g class=\"pr-panel\">") == classes)
        let ink = try shown.screenshotInk()
        #expect(ink.fraction > 0.05 && ink.levels > 20, "ink \(ink.fraction), \(ink.levels) gray levels")
        return shown
    }

    /// The tiny benchmark's Hollywood2-layout run (cached after its first time).
    func multiLabelRun() throws -> (URL, EvaluationReport) {
        let bench = try TinyMotionBenchmark.shared.get()
        let out = bench.folder.appendingPathComponent("report-page")
        return (out, try EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model, output: out).run())
    }

    @Test("a multi-label (Hollywood2 layout) report page: AP bars with the run's mean and the paper's figure, no confusion matrix")
    func multiLabel() throws {
        let (out, report) = try multiLabelRun()
        let shown = try checkInBrowser(out, report: report)
        #expect(shown.dom.contains("paper (Hollywood2) 50.4") && !shown.dom.contains("Confusion matrix"))
        #expect(shown.dom.contains("<a href=\"../trec/model.html\">"), "links the model's page")
    }

    @Test("a single-label (CSV) report page with a class named <script>: shown as text, a confusion row per class")
    func singleLabelWithHostileClass() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let root = bench.folder.appendingPathComponent("layout-csv-hostile")
        try? FileManager.default.removeItem(at: root)
        try BenchmarkLayoutFixtures.csv(bench, at: root)
        for list in ["train.csv", "test.csv"] {
            let file = root.appendingPathComponent(list)
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: ",ShiftLeft", with: ",\"\(Self.hostileClass.replacingOccurrences(of: "\"", with: "\"\""))\"")
                .write(to: file, atomically: true, encoding: .utf8)
        }
        let out = bench.folder.appendingPathComponent("report-csv-hostile")
        let report = try EvaluationRun(settings: bench.settings, root: root, datasetLayout: .csv, model: bench.model, output: out).run()
        #expect(report.classes?.contains(Self.hostileClass) == true)
        let shown = try checkInBrowser(out, report: report)
        #expect(!shown.dom.contains("<script>alert"), "no markup from the class name")
        #expect(shown.dom.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;"))
        // The confusion matrix: every class as a row of tooltips, whose counts add up to the test clips.
        let cells = shown.dom.components(separatedBy: "<title>true ").dropFirst().map { $0.components(separatedBy: "</title>")[0] }
        let rows = Set(cells.map { $0.components(separatedBy: ", predicted").first ?? "" })
        #expect(rows.count == report.classes?.count)
        let counted = cells.compactMap { Int($0.components(separatedBy: ": ").last?.prefix { $0.isNumber } ?? "") }.reduce(0, +)
        #expect(counted == report.testClips)
    }

    @Test("the table page: a bar and a paper tick per run, each run linking its page, a bar per class and run")
    func tablePage() throws {
        let (run, report) = try multiLabelRun()
        let folder = run.deletingLastPathComponent().appendingPathComponent("table-page")
        let table = EvaluationTable(runs: [run, folder.appendingPathComponent("no-such-run")])
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try table.write(to: folder)
        let shown = try HeadlessBrowser.render(folder.appendingPathComponent(EvaluationTable.pageName), screenshot: folder.appendingPathComponent("page.png"))
        #expect(shown.consoleMessages.isEmpty, "console: \(shown.consoleMessages)")
        #expect(shown.count("<rect class=\"bar\"") == 1 && shown.count("<line class=\"mark\"") == 1)
        #expect(shown.count("<a href=\"../report-page/report.html\">") == 1)
        #expect(shown.count("class=\"apbar\"") == report.perClass.values.filter { $0.ap11pt != nil }.count)
        #expect(shown.dom.contains("no report.json"))
        let ink = try shown.screenshotInk()
        #expect(ink.fraction > 0.02 && ink.levels > 20, "ink \(ink.fraction), \(ink.levels) gray levels")
    }
}
