import Foundation
import Testing
import TestSupport
import Video

/// What the writers write decodes back through the project's own decoder.
@Suite("Writers round-trip through the decoder")
struct WriterRoundTripTests {
    let frames = (0..<10).map { FixtureVideos.movingGradient(width: 64, height: 48, t: $0) }

    @Test("mpeg4 AVI: same frame count and size, pixels close (lossy)")
    func video() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("round-trip.avi").path
        let writer = try VideoWriter(path: path, width: 64, height: 48, framesPerSecond: 10, quality: 2)
        for frame in frames { try writer.append(frame) }
        try writer.finish()

        let decoded = try decodeAll(path)
        #expect(decoded.count == frames.count)
        for (original, back) in zip(frames, decoded) {
            #expect(back.width == 64 && back.height == 48)
            #expect(meanAbsoluteError(original, back) < 3)
        }
        let decoder = try VideoDecoder(path: path)
        #expect(decoder.codecName == "mpeg4")
        #expect(decoder.averageFrameRate == 10)
    }

    @Test("animated GIF: same frame count and size, gray levels kept")
    func gif() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("round-trip.gif").path
        let writer = try GIFWriter(path: path, width: 64, height: 48, frameDelay: 5)
        for frame in frames { try writer.append(frame) }
        try writer.finish()

        let decoded = try decodeAll(path)
        #expect(decoded.count == frames.count)
        for (original, back) in zip(frames, decoded) {
            #expect(back.width == 64 && back.height == 48)
            #expect(maxAbsoluteError(original, back) <= 1)
        }
        #expect(try VideoDecoder(path: path).averageFrameRate == 20)
    }

    @Test("PNG: one frame of the right size, exact")
    func png() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sub/picture.png").path
        try PNGWriter.write(frames[3], to: path)

        let decoded = try decodeAll(path)
        #expect(decoded == [frames[3]])
        #expect(try VideoDecoder(path: path).codecName == "png")
    }

    @Test("PNG and GIF encoded in memory are the bytes the file writers write")
    func inMemory() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("picture.png"), gif = folder.appendingPathComponent("animation.gif")
        try PNGWriter.write(frames[3], to: png.path)
        let writer = try GIFWriter(path: gif.path, width: 64, height: 48, frameDelay: 5)
        for frame in frames { try writer.append(frame) }
        try writer.finish()
        #expect(try PNGWriter.encode(frames[3]) == Data(contentsOf: png))
        #expect(try GIFWriter.encode(frames, frameDelay: 5) == Data(contentsOf: gif))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["animation.gif", "picture.png"])
    }

    @Test("an unfinished writer leaves no file behind")
    func unfinished() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let writer = try VideoWriter(path: folder.appendingPathComponent("dropped.avi").path, width: 64, height: 48)
            try writer.append(frames[0])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    private func decodeAll(_ path: String) throws -> [GrayFrame] {
        let decoder = try VideoDecoder(path: path)
        var decoded: [GrayFrame] = []
        while let frame = try decoder.nextFrame() { decoded.append(frame) }
        return decoded
    }

    private func meanAbsoluteError(_ a: GrayFrame, _ b: GrayFrame) -> Double {
        Double(zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.pixels.count)
    }

    private func maxAbsoluteError(_ a: GrayFrame, _ b: GrayFrame) -> Int {
        zip(a.pixels, b.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
    }
}
