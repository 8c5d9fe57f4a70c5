import Foundation

/// Headless Chromium, for checking the project's HTML pages as a browser shows them: it loads a
/// page, saves a screenshot, and reports the page's console messages (a page that runs no script
/// has none unless something is wrong: a blocked load, a policy violation) and the DOM after load.
///
/// To learn whether each image decoded, the page is loaded from a probe copy that adds one inline
/// script, run on `load`, writing every `<img>`'s `naturalWidth` into a `data-natural-width`
/// attribute (the copy's Content-Security-Policy allows that script and nothing else more).
public enum HeadlessBrowser {
    /// The browser binary: Debian's `chromium-headless-shell`, else `chromium`; nil when neither is on PATH.
    public static let executable: URL? = ["chromium-headless-shell", "chromium"].lazy.compactMap(TestPaths.executable(named:)).first

    /// Whether a headless browser is installed.
    public static var isAvailable: Bool { executable != nil }

    /// What the browser showed.
    public struct Rendering: Sendable {
        /// The screenshot (PNG) of the viewport.
        public var screenshot: URL
        /// The viewport's size, the screenshot's.
        public var width: Int, height: Int
        /// The DOM after the page loaded (with the probe's `data-natural-width` on every `<img>`).
        public var dom: String
        /// Every message the page logged to its console (policy violations, failed loads, errors).
        public var consoleMessages: [String]

        /// The `naturalWidth` of every `<img>` after load, in document order (0: it did not decode).
        public var imageWidths: [Int] {
            dom.components(separatedBy: "data-natural-width=\"").dropFirst().map { Int($0.prefix { $0.isNumber }) ?? 0 }
        }

        /// How often `text` occurs in the DOM.
        public func count(_ text: String) -> Int { dom.components(separatedBy: text).count - 1 }

        /// The screenshot in gray, decoded by the ffmpeg CLI (the tests' decoding reference).
        public func screenshotPixels() throws -> [UInt8] {
            guard let ffmpeg = TestPaths.ffmpeg else { throw Failure(description: "no ffmpeg on PATH to decode \(screenshot.path)") }
            let raw = screenshot.deletingPathExtension().appendingPathExtension("gray")
            defer { try? FileManager.default.removeItem(at: raw) }
            let result = try ProcessRunner.run(ffmpeg, ["-v", "error", "-y", "-i", screenshot.path, "-f", "rawvideo", "-pix_fmt", "gray", raw.path])
            let pixels = (try? Data(contentsOf: raw)) ?? Data()
            guard result.status == 0, pixels.count == width * height else {
                throw Failure(description: "ffmpeg decoded \(pixels.count) bytes of \(screenshot.path), expected \(width) x \(height): \(result.stderr)")
            }
            return [UInt8](pixels)
        }

        /// What the screenshot shows: the share of pixels that differ from the most common gray
        /// level (the background), and how many gray levels occur; a blank page has 0 and 1.
        public func screenshotInk() throws -> (fraction: Double, levels: Int) {
            let pixels = try screenshotPixels()
            var counts = [Int](repeating: 0, count: 256)
            for p in pixels { counts[Int(p)] += 1 }
            return (1 - Double(counts.max()!) / Double(pixels.count), counts.filter { $0 > 0 }.count)
        }
    }

    /// Why a page could not be rendered.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// The policy the project's pages carry (`HTMLPage`), which the probe copy extends by its script.
    static let pagePolicy = "default-src 'none';"

    /// Loads `page` (an HTML file) in a `width x height` window and writes the screenshot to `screenshot`.
    public static func render(_ page: URL, screenshot: URL, width: Int = 1200, height: Int = 1400) throws -> Rendering {
        guard let executable else { throw Failure(description: "no chromium-headless-shell or chromium on PATH") }
        let html = try String(contentsOf: page, encoding: .utf8)
        guard html.contains(pagePolicy), let bodyEnd = html.range(of: "</body>", options: .backwards) else {
            throw Failure(description: "\(page.path) carries no Content-Security-Policy starting \(pagePolicy) or has no </body>")
        }
        let probeScript = "<script>window.addEventListener('load',()=>{for(const i of document.images)i.setAttribute('data-natural-width',i.naturalWidth)})</script>"
        var probe = html
        probe.replaceSubrange(bodyEnd, with: probeScript + "</body>")
        probe = probe.replacingOccurrences(of: pagePolicy, with: pagePolicy + " script-src 'unsafe-inline';")
        let scratch = try ScratchFolder("browser")
        defer { scratch.remove() }
        // Beside the original, so relative links resolve as they would.
        let probeFile = page.deletingLastPathComponent().appendingPathComponent(".probe-\(UUID().uuidString).html")
        try probe.write(to: probeFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: probeFile) }
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/timeout"), [
            "120", executable.path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--user-data-dir=\(scratch.url.path)", "--window-size=\(width),\(height)", "--screenshot=\(screenshot.path)",
            "--dump-dom", "--enable-logging=stderr", "--v=0", probeFile.absoluteString,
        ])
        guard result.status == 0, FileManager.default.fileExists(atPath: screenshot.path) else {
            throw Failure(description: "\(executable.lastPathComponent) exited \(result.status) on \(page.path): \(result.stderr.suffix(2000))")
        }
        let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Rendering(screenshot: screenshot, width: width, height: height, dom: result.stdout, consoleMessages: console)
    }
}
