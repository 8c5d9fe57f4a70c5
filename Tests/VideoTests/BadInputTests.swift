import Foundation
import Testing
import TestSupport
import Video

/// Each kind of bad input gets its own `VideoError`, naming the file, from the decoder and from probe.
@Suite("Bad input")
struct BadInputTests {
    @Test("missing file")
    func missing() {
        let path = "/nonexistent/folder/clip.avi"
        expectError(.fileMissing(path: path), for: path)
    }

    @Test("empty file")
    func empty() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty.avi").path
        try Data().write(to: URL(fileURLWithPath: path))
        expectError(.emptyFile(path: path), for: path)
    }

    @Test("text file named .avi")
    func textFile() throws {
        let path = TestPaths.packageRoot.appendingPathComponent("Fixtures/bad-input/not-a-video.avi").path
        expectError(.notAVideoFile(path: path, reason: "Invalid data found when processing input"), for: path)
    }

    @Test("audio-only file: no video stream")
    func audioOnly() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tone.wav").path
        try Self.wave(samples: 8000).write(to: URL(fileURLWithPath: path))
        expectError(.noVideoStream(path: path, streamKinds: ["audio"]), for: path)
    }

    @Test("truncated fixture: the frames it holds, then a damaged-stream error")
    func truncatedFixture() throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.firstHalf(of: TestPaths.fixtureVideos.appendingPathComponent("moving-dots-96x64.avi"), into: folder)
        let decoder = try VideoDecoder(path: path)
        var pixels: [UInt8] = []
        let error = #expect(throws: VideoError.self) { while try decoder.readFrame(into: &pixels) {} }
        guard case let .damagedStream(errorPath, frames, _) = error else {
            Issue.record("expected damagedStream, got \(String(describing: error))")
            return
        }
        #expect(errorPath == path && frames == decoder.framesDecoded)
        #expect(frames > 0 && frames < FixtureVideos.frameCount)
        #expect(VideoProbe.probe(path: path).error == error)
        #expect(error?.description.hasPrefix("\(path): truncated or corrupt video stream") == true)

        let tolerant = try VideoDecoder(path: path, options: .init(acceptsDamagedStream: true))
        while try tolerant.readFrame(into: &pixels) {}
        #expect(tolerant.framesDecoded == frames)
    }

    @Test("the first half of every shared clip gets an error, never a crash or a silent short clip",
          .enabled(if: TestPaths.haveSharedVideos, "../shared/data/videos is absent"),
          arguments: TestPaths.videos(in: TestPaths.sharedVideos))
    func truncatedSharedClip(_ clip: URL) throws {
        let folder = try ScratchFolder("video").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.firstHalf(of: clip, into: folder)
        let error = try #require(VideoProbe.probe(path: path).error)
        switch error {
        case .damagedStream, .notAVideoFile: break
        default: Issue.record("unexpected error kind: \(error)")
        }
        #expect(error.path == path && !error.description.contains("\n"))
    }

    private func expectError(_ expected: VideoError, for path: String) {
        #expect(throws: expected) { try VideoDecoder(path: path) }
        let probe = VideoProbe.probe(path: path)
        #expect(probe.error == expected)
        #expect(probe.frames == nil && probe.graySum == nil)
        #expect(expected.description.hasPrefix(path + ": ") && !expected.description.contains("\n"))
    }

    /// Copies the first half of `file`'s bytes to a file of the same name in `folder`.
    private static func firstHalf(of file: URL, into folder: URL) throws -> String {
        let bytes = try Data(contentsOf: file)
        let half = folder.appendingPathComponent(file.lastPathComponent)
        try bytes.prefix(bytes.count / 2).write(to: half)
        return half.path
    }

    /// A mono 16-bit 8 kHz PCM WAV file of a 440 Hz tone.
    private static func wave(samples: Int) -> Data {
        var data = Data()
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); append(UInt32(36 + samples * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8)); append(UInt32(16))
        append(UInt16(1)); append(UInt16(1)); append(UInt32(8000)); append(UInt32(16000)); append(UInt16(2)); append(UInt16(16))
        data.append(contentsOf: Array("data".utf8)); append(UInt32(samples * 2))
        for index in 0..<samples { append(Int16(8000 * sin(2 * Double.pi * 440 * Double(index) / 8000))) }
        return data
    }
}
