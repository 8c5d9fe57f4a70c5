import Foundation
import Testing
import TestSupport

@Suite("make-dataset camera-motion on the command line", .tags(.slow), .timeLimit(.minutes(10)))
struct MakeDatasetTests {
    @Test("--from is required for camera-motion and refused for motions; bad sources are named; the summary lists six classes")
    func cameraMotion() throws {
        let scratch = try ScratchFolder("cli-camera")
        defer { scratch.remove() }
        // Source videos: a motion dataset's clips (64x64, 40 frames), and a file that is not a video.
        let made = try CLI.run(["make-dataset", "motions", "--out", scratch.path("m").path, "--size", "64", "64", "--frames", "40",
                                "--clips-per-class", "1"])
        #expect(made.status == 0, "\(made.stderr)")
        let sources = scratch.path("m/AVIClips")
        try Data("not a video".utf8).write(to: sources.appendingPathComponent("broken.avi"))

        let noFrom = try CLI.run(["make-dataset", "camera-motion", "--out", scratch.path("c").path])
        #expect(noFrom.status != 0 && noFrom.stderr.contains("camera-motion needs --from VIDEOS"))
        let fromMotions = try CLI.run(["make-dataset", "motions", "--from", sources.path, "--out", scratch.path("c").path])
        #expect(fromMotions.status != 0 && fromMotions.stderr.contains("--from belongs to camera-motion"))

        let camera = try CLI.run(["make-dataset", "camera-motion", "--from", sources.path, "--out", scratch.path("c").path,
                                  "--size", "16", "16", "--frames", "16", "--clips-per-class", "2", "--seed", "5"])
        #expect(camera.status == 0, "\(camera.stderr)")
        #expect(camera.stderr.contains("skipped \(sources.appendingPathComponent("broken.avi").path): cannot be decoded"))
        #expect(camera.stdout.contains("16 source videos used"))
        for action in ["PanLeft", "PanRight", "PanUp", "PanDown", "ZoomIn", "ZoomOut"] {
            #expect(FileManager.default.fileExists(atPath: scratch.path("c/ClipSets/\(action)_train.txt").path), "\(action)")
        }
    }
}
