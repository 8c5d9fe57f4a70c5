import Foundation
import Learners
import Linalg
import Testing
import TestSupport
@testable import Studies

@Suite("model pages", .tags(.slow), .timeLimit(.minutes(10)))
struct ModelPageTests {
    /// The clips sit in a folder whose name is markup: the page must show it as text.
    static let hostileName = "clips <img src=x onerror=alert(1)> & \"quotes\""

    @Test("learn writes model.html into the bundle; a browser shows it whole: no console messages, every image decodes, one point per epoch, a drawn screenshot",
          .enabled(if: HeadlessBrowser.isAvailable, "headless Chromium is not installed (.ci/install-deps installs chromium-headless-shell)"))
    func browserShowsModelPage() throws {
        let scratch = try ScratchFolder("model-page")
        defer { scratch.remove() }
        let clips = scratch.path(Self.hostileName)
        try FileManager.default.createDirectory(at: clips, withIntermediateDirectories: true)
        for name in ["moving-dots-96x64.avi", "moving-gradient-64x48.avi"] {
            try FileManager.default.copyItem(at: TestPaths.fixtureVideos.appendingPathComponent(name), to: clips.appendingPathComponent(name))
        }
        let out = scratch.path("model")
        let events = EventLog<LearnRun.Event>()
        _ = try LearnRun(settings: PipelineFixtures.smallSettings(kind: .trec, epochs: 4), data: clips.path, output: out).run(events: events.add)
        let page = out.appendingPathComponent(ModelBundle.pageName)
        #expect(events.events.contains { if case let .written(_, written, _) = $0 { written == page } else { false } })
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("<img src=x") && html.contains("clips &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;"))
        #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http"), "no script, nothing fetched")

        let shown = try HeadlessBrowser.render(page, screenshot: scratch.path("model.png"))
        #expect(shown.consoleMessages.isEmpty, "console: \(shown.consoleMessages)")
        #expect(shown.imageWidths.count == 2 && shown.imageWidths.allSatisfy { $0 > 0 }, "mosaic and animation decode: \(shown.imageWidths)")
        // The cost and the active-fraction charts each mark the 4 epochs.
        for title in ["Training cost per epoch", "Active hidden units per epoch"] {
            let chart = try #require(shown.dom.range(of: title).map { shown.dom[$0.upperBound...] }?.components(separatedBy: "</svg>").first)
            #expect(chart.components(separatedBy: "<circle").count - 1 == 4, "\(title): one point per epoch")
        }
        #expect(shown.dom.contains(Self.hostileName.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")), "the folder's name shows as text")
        let ink = try shown.screenshotInk()
        #expect(ink.fraction > 0.02 && ink.levels > 20,
                "ink \(ink.fraction), \(ink.levels) gray levels")
    }
}
