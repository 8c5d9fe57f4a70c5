import Foundation
import Testing
import TestSupport

/// The pages `make demo` writes, checked in the browser when the demo has run (`demo/` in the
/// package). With `ZAE_WRITE_SCREENSHOTS=1` the screenshots become the README's pictures
/// (`docs/images/report-page.png`, `docs/images/model-page.png`).
@Suite("the demo's pages", .enabled(if: HeadlessBrowser.isAvailable, "headless Chromium is not installed (.ci/install-deps installs chromium-headless-shell)"),
       .enabled(if: FileManager.default.fileExists(atPath: TestPaths.packageRoot.appendingPathComponent("demo/report/report.html").path),
                "make demo has not run (no demo/report/report.html)"))
struct DemoPagesTests {
    @Test("demo/report/report.html and demo/trec/model.html show whole: no console messages, every image decodes, a drawn screenshot",
          arguments: [("demo/report/report.html", "report-page.png"), ("demo/trec/model.html", "model-page.png")])
    func demoPage(_ page: String, screenshotName: String) throws {
        let scratch = try ScratchFolder("demo-pages")
        defer { scratch.remove() }
        let shown = try HeadlessBrowser.render(TestPaths.packageRoot.appendingPathComponent(page), screenshot: scratch.path(screenshotName),
                                               width: 1200, height: 1300)
        #expect(shown.consoleMessages.isEmpty, "console: \(shown.consoleMessages)")
        #expect(!shown.imageWidths.isEmpty && shown.imageWidths.allSatisfy { $0 > 0 }, "images: \(shown.imageWidths)")
        let ink = try shown.screenshotInk()
        #expect(ink.fraction > 0.05 && ink.levels > 20, "ink \(ink.fraction), \(ink.levels) gray levels")
        if ProcessInfo.processInfo.environment["ZAE_WRITE_SCREENSHOTS"] == "1" {
            let target = TestPaths.packageRoot.appendingPathComponent("docs/images/\(screenshotName)")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: shown.screenshot, to: target)
        }
    }
}
