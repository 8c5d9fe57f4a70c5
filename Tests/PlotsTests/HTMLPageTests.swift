import Foundation
import Testing
import TestSupport
import Video
@testable import Plots

@Suite struct HTMLPageTests {
    @Test("text and attribute values are escaped: a clip named <script> shows as text")
    func escapesEveryString() {
        let hostile = "<script>alert('x')</script> & \"q\""
        #expect(HTML.text(hostile).markup == "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;q&quot;")
        let cell = HTML.element("td", [("title", hostile)], text: hostile)
        #expect(cell.markup == "<td title=\"&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;q&quot;\">"
                + "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;q&quot;</td>")
        let page = HTMLPage(title: hostile, subtitle: hostile, body: [.facts([(hostile, hostile)]),
                                                                    .table(header: [hostile], rows: [[.text(hostile)]])]).html
        #expect(!page.contains("<script") && !page.contains("\"q\""))
        #expect(page.components(separatedBy: "&lt;script&gt;").count - 1 == 7, "title, heading, subtitle, two facts, header, cell")
    }

    @Test("links are percent-encoded file paths and never a URL scheme")
    func links() {
        #expect(HTML.link("run", toFile: "runs/a b#1/report.html").markup == "<a href=\"runs/a%20b%231/report.html\">run</a>")
        #expect(HTML.link("x", toFile: "javascript:alert(1)/report.html").markup.hasPrefix("<a href=\"./javascript:alert(1)/report.html\""))
        #expect(HTML.link("x", toFile: "/abs/path:1/report.html").markup.hasPrefix("<a href=\"/abs/path:1/report.html\""))
    }

    @Test("a page is self-contained: its policy forbids scripts and fetching, images are data URIs, charts inline")
    func selfContained() throws {
        let chart = SVGBarChart(title: "AP", labels: ["a", "b"], values: [0.5, nil])
        let image = try EmbeddedImage.png(GrayFrame(width: 2, height: 1, pixels: [0, 255]))
        let html = HTMLPage(title: "t", body: [.drawing(chart), .image(image, alt: "two pixels", scale: 4)]).html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"))
        #expect(html.contains(chart.svg) && !html.contains("<?xml"))
        #expect(html.contains("<img src=\"data:image/png;base64,") && html.contains("width=\"8\" height=\"4\" class=\"pixels\">"))
    }

    @Test("an embedded PNG's data URI decodes back to the frame; a GIF to its frames")
    func embeddedImagesDecode() throws {
        let frames = (0..<3).map { t in GrayFrame(width: 8, height: 6, pixels: (0..<48).map { UInt8(($0 * 5 + t * 40) % 256) }) }
        let scratch = try ScratchFolder("html")
        defer { scratch.remove() }
        for (image, name, count) in [(try EmbeddedImage.png(frames[1]), "a.png", 1), (try EmbeddedImage.gif(frames, frameDelay: 10), "a.gif", 3)] {
            let base64 = try #require(image.dataURI.split(separator: ",").last)
            let file = try scratch.write(Array(try #require(Data(base64Encoded: String(base64)))), to: name)
            let decoder = try VideoDecoder(path: file.path)
            var decoded: [GrayFrame] = []
            while let frame = try decoder.nextFrame() { decoded.append(frame) }
            #expect(decoded.count == count && (image.width, image.height) == (8, 6))
            if count == 1 { #expect(decoded == [frames[1]]) }
        }
    }

    @Test("a logarithmic axis ticks at powers of ten and leaves out values at or below 0")
    func logarithmicAxis() {
        let plot = SVGLinePlot(title: "spectrum", xLabel: "component", yLabel: "variance",
                               series: [.init(name: "v", points: [(1, 2e6), (2, 300), (3, 0.05), (4, 0)], markers: false)], logarithmicY: true)
        let svg = plot.svg
        for label in [">1e6<", ">1e5<", ">1000<", ">1<", ">0.1<"] { #expect(svg.contains(label), "tick \(label)") }
        #expect(!svg.contains("<circle") && !svg.contains("nan") && !svg.contains("inf"))
        let line = svg.components(separatedBy: "<polyline points=\"").last?.prefix { $0 != "\"" } ?? ""
        #expect(line.split(separator: " ").count == 3, "the zero variance is not drawn")
    }
}

/// The browser harness itself: what it must catch on a broken page.
@Suite("headless browser harness", .enabled(if: HeadlessBrowser.isAvailable, "headless Chromium is not installed (.ci/install-deps installs chromium-headless-shell)"))
struct HeadlessBrowserTests {
    @Test("a fetch the page's policy blocks shows as a console message, an image that does not decode as width 0, a blank page as no ink")
    func catchesBrokenPages() throws {
        let scratch = try ScratchFolder("browser-harness")
        defer { scratch.remove() }
        let good = try EmbeddedImage.png(GrayFrame(width: 4, height: 4, pixels: [UInt8](repeating: 0, count: 16)))
        let broken = EmbeddedImage(mimeType: "image/png", bytes: Data("not a png".utf8), width: 4, height: 4)
        let page = scratch.path("broken.html")
        try HTMLPage(title: "", body: [.image(good, alt: "good"), .image(broken, alt: "broken"),
                                       .element("img", [("src", "https://example.invalid/x.png"), ("alt", "remote")])]).write(to: page)
        let shown = try HeadlessBrowser.render(page, screenshot: scratch.path("broken.png"), width: 300, height: 200)
        #expect(shown.imageWidths.count == 3 && shown.imageWidths[0] == 4 && shown.imageWidths[1] == 0 && shown.imageWidths[2] == 0)
        #expect(shown.consoleMessages.contains { $0.contains("Content Security Policy") && $0.contains("example.invalid") })
        let blank = scratch.path("blank.html")
        try HTMLPage(title: "").write(to: blank)
        #expect(try HeadlessBrowser.render(blank, screenshot: scratch.path("blank.png"), width: 300, height: 200).screenshotInk().levels == 1)
    }
}
