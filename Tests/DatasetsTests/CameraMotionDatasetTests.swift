import Foundation
import Linalg
import Testing
@testable import Datasets
import TestSupport
import Video

/// A still scene of smooth random blobs, `frames` frames of `width x height`, written as an AVI.
private func writeSource(_ url: URL, width: Int, height: Int, frames: Int, seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let waves = (0..<6).map { _ in (fx: 0.05 + 0.2 * Double(rng.uniform()), fy: 0.05 + 0.2 * Double(rng.uniform()), phase: 6.3 * Double(rng.uniform())) }
    var pixels = [UInt8](repeating: 0, count: width * height)
    for y in 0..<height {
        for x in 0..<width {
            let v = waves.reduce(0.0) { $0 + sin($1.fx * Double(x) + $1.fy * Double(y) + $1.phase) }
            pixels[y * width + x] = UInt8(max(0, min(255, 128 + 20 * v)))
        }
    }
    let writer = try VideoWriter(path: url.path, width: width, height: height, framesPerSecond: 25, quality: 2)
    for _ in 0..<frames { try writer.append(GrayFrame(width: width, height: height, pixels: pixels)) }
    try writer.finish()
}

@Suite("camera-motion dataset: crop windows panning and zooming over real clips", .tags(.slow), .timeLimit(.minutes(10)))
struct CameraMotionDatasetTests {
    /// Three good sources and three bad ones (not a video, too short, too small).
    static func sources(in scratch: ScratchFolder) throws -> [URL] {
        for seed in 0..<3 { try writeSource(scratch.path("good\(seed).avi"), width: 80, height: 64, frames: 24, seed: UInt64(seed)) }
        try writeSource(scratch.path("short.avi"), width: 80, height: 64, frames: 10, seed: 5)
        try writeSource(scratch.path("small.avi"), width: 48, height: 32, frames: 24, seed: 6)
        try scratch.write("not a video", to: "broken.avi")
        return try TrainingClips.resolve(scratch.url).clips
    }

    @Test("six classes in the Hollywood2 layout; bad sources skipped and named; the same seed writes the same bytes")
    func writesSkipsAndRepeats() throws {
        let scratch = try ScratchFolder("camera")
        defer { scratch.remove() }
        let dataset = CameraMotionDataset(sources: try Self.sources(in: scratch), clipsPerClass: 2, width: 32, height: 24, frameCount: 8, seed: 3)
        let written = try dataset.write(to: scratch.path("a"))
        #expect(written.layout.actions == CameraMotion.allCases.map(\.rawValue).sorted())
        #expect(written.layout.train.clips.count == 12 && written.layout.test.clips.count == 12)
        #expect(written.used.map { ($0 as NSString).lastPathComponent } == ["good0.avi", "good1.avi", "good2.avi"])
        let reasons = Dictionary(uniqueKeysWithValues: written.skipped.map { (($0.item as NSString).lastPathComponent, $0.reason) })
        #expect(reasons["broken.avi"]?.hasPrefix("cannot be decoded") == true)
        #expect(reasons["short.avi"]?.hasPrefix("too short: 10 frames") == true)
        #expect(reasons["small.avi"]?.hasPrefix("too small: 48x32") == true)
        let clip = try FrameVolume(decoding: written.layout.train.files[0].path, shape: .native)
        #expect(clip.frameCount == 8 && clip.width == 32 && clip.height == 24)

        let again = try dataset.write(to: scratch.path("b"))
        let other = try CameraMotionDataset(sources: dataset.sources, clipsPerClass: 2, width: 32, height: 24, frameCount: 8, seed: 4)
            .write(to: scratch.path("c"))
        for (a, b) in zip(written.layout.train.files + written.layout.test.files, again.layout.train.files + again.layout.test.files) {
            #expect(try Data(contentsOf: a) == Data(contentsOf: b), "\(a.lastPathComponent)")
        }
        let differing = zip(written.layout.train.files, other.layout.train.files).filter { (try? Data(contentsOf: $0) != Data(contentsOf: $1)) ?? true }
        #expect(!differing.isEmpty)
    }

    @Test("fewer than two usable sources: refused, naming the skipped ones")
    func refusesTooFewSources() throws {
        let scratch = try ScratchFolder("camera-few")
        defer { scratch.remove() }
        try writeSource(scratch.path("good.avi"), width: 80, height: 64, frames: 24, seed: 1)
        try scratch.write("not a video", to: "broken.avi")
        let dataset = CameraMotionDataset(sources: try TrainingClips.resolve(scratch.url).clips, clipsPerClass: 1, width: 32, height: 24, frameCount: 8)
        let failure = #expect(throws: DatasetError.self) { _ = try dataset.write(to: scratch.path("out")) }
        let message = "\(failure.map { "\($0)" } ?? "")"
        #expect(message.contains("at least 2 usable source videos, 1 of 2 remain") && message.contains("broken.avi: cannot be decoded"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("out").path))
    }

    @Test("on the shared real clips every source is usable", .enabled(if: TestPaths.haveSharedVideos, "../shared/data/videos is absent"))
    func sharedRealClips() throws {
        let scratch = try ScratchFolder("camera-real")
        defer { scratch.remove() }
        let written = try CameraMotionDataset(sources: try TrainingClips.resolve(TestPaths.sharedVideos).clips, clipsPerClass: 1,
                                              width: 64, height: 48, frameCount: 16).write(to: scratch.path("out"))
        #expect(written.skipped.isEmpty, "\(written.skipped)")
        #expect(written.used.count == 5 && written.layout.train.clips.count == 6)
    }
}

@Suite struct CameraPathTests {
    @Test("every path moves the way its class says and never leaves the source")
    func pathsMoveAsNamed() {
        var rng = SeededRandom(seed: 9)
        for motion in CameraMotion.allCases {
            for (sw, sh) in [(768, 576), (528, 224), (320, 240)] {
                let path = CameraPath.random(motion, frameCount: 30, width: 128, height: 96, sourceWidth: sw, sourceHeight: sh, rng: &rng)
                let first = path.window(at: 0), last = path.window(at: 1)
                switch motion {
                case .panLeft: #expect(last.left < first.left && last.top == first.top && last.width == first.width)
                case .panRight: #expect(last.left > first.left && last.top == first.top && last.width == first.width)
                case .panUp: #expect(last.top < first.top && last.left == first.left && last.width == first.width)
                case .panDown: #expect(last.top > first.top && last.left == first.left && last.width == first.width)
                case .zoomIn: #expect(last.width < first.width / 1.5 && path.startCentre == path.endCentre)
                case .zoomOut: #expect(last.width > first.width * 1.5 && path.startCentre == path.endCentre)
                }
                for step in 0...10 {
                    let w = path.window(at: Double(step) / 10)
                    #expect(w.left >= -1e-9 && w.top >= -1e-9 && w.left + w.width <= Double(sw) + 1e-9 && w.top + w.height <= Double(sh) + 1e-9,
                            "\(motion) \(sw)x\(sh) at \(step): \(w)")
                    #expect(abs(w.width / w.height - 128.0 / 96.0) < 1e-9)
                }
            }
        }
    }

    @Test("a window of the output's size at whole pixels is an exact crop; a twice larger one averages 2x2 pixels")
    func renderIsACropOrAnAverage() {
        let (sw, sh) = (20, 16)
        let source = (0..<(sw * sh)).map { UInt8(($0 * 37) % 251) }
        let crop = CameraPath(startCentre: (x: 3 + 4, y: 2 + 3), endCentre: (x: 3 + 4, y: 2 + 3), startWidth: 8, endWidth: 8, aspect: 8.0 / 6)
        let out = crop.render(source: source, sourceWidth: sw, sourceHeight: sh, width: 8, height: 6, at: 0)
        for y in 0..<6 { for x in 0..<8 { #expect(out[y * 8 + x] == source[(y + 2) * sw + x + 3]) } }
        let double = CameraPath(startCentre: (x: 2 + 8, y: 1 + 6), endCentre: (x: 2 + 8, y: 1 + 6), startWidth: 16, endWidth: 16, aspect: 16.0 / 12)
        let half = double.render(source: source, sourceWidth: sw, sourceHeight: sh, width: 8, height: 6, at: 0)
        for y in 0..<6 {
            for x in 0..<8 {
                // Two taps per axis land on the centres of the 2x2 cell of source pixels each output pixel covers.
                let cell = [(0, 0), (0, 1), (1, 0), (1, 1)].map { Double(source[(1 + 2 * y + $0.0) * sw + 2 + 2 * x + $0.1]) }
                let mean: Double = cell.reduce(0, +) / 4
                let error: Double = abs(Double(half[y * 8 + x]) - mean)
                #expect(error <= 0.5 + 1e-9)
            }
        }
    }
}
