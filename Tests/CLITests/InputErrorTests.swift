import Foundation
import Testing
import TestSupport

/// Bad inputs whose `DatasetError` message no other test read: each reaches the command line as
/// one line naming the path and the problem, before any model or video is opened.
@Suite("bad video inputs and output folders on the command line")
struct InputErrorTests {
    @Test("a folder without videos, two inputs of one name, an occupied make-dataset --out: one line each, exit 1")
    func namedInOneLine() throws {
        let scratch = try ScratchFolder("cli-input-errors")
        defer { scratch.remove() }
        let empty = scratch.path("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let first = try scratch.write("not read", to: "a/clip.avi"), second = try scratch.write("not read", to: "b/clip.avi")
        try scratch.write("my notes", to: "occupied/notes.txt")
        let model = scratch.path("no-model").path, out = scratch.path("out").path

        let noVideos = try CLI.run(["extract", "--model", model, "--out", out, empty.path])
        #expect(noVideos.status == 1)
        #expect(noVideos.stderr == "Error: \(empty.path): no video files under it (looked for avi, flv, m4v, mkv, mov, mp4, mpeg, mpg, ogv, webm, wmv)\n")

        let sameName = try CLI.run(["extract", "--model", model, "--out", out, first.path, second.path])
        #expect(sameName.status == 1)
        #expect(sameName.stderr == "Error: \(first.path) and \(second.path) would both be written as clip; give them separately from different folders or rename one\n")

        let occupied = try CLI.run(["make-dataset", "motions", "--out", scratch.path("occupied").path])
        #expect(occupied.status == 1)
        #expect(occupied.stderr == "Error: \(scratch.path("occupied").path) holds something other than a dataset; choose another --out or pass --force to replace it\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
