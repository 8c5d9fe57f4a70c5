import ArgumentParser
import Datasets
import Foundation

/// `zae-video make-dataset motions|camera-motion`: write a generated dataset in the Hollywood2 layout.
struct MakeDatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-dataset",
        abstract: "Write a generated dataset in the Hollywood2 layout (real AVI files).",
        discussion: """
            motions: eight classes of global motion (rotation either way, shifts in four directions, zoom in and out) of random dot textures; only spatio-temporal features tell them apart.
            camera-motion: six classes of camera motion over real content (--from VIDEOS): a crop window panning left, right, up or down, or zooming in or out, over clips of the source videos; training clips come from the first half of each source, test clips from the second.
            """)

    /// The datasets that can be generated.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case motions
        case cameraMotion = "camera-motion"
    }

    @Argument(help: "Which dataset: motions or camera-motion.")
    var kind: Kind

    @Option(help: "camera-motion: the folder of source videos (any format FFmpeg reads).")
    var from: String?

    @Option(help: "The dataset folder to write (replaced as a whole).")
    var out: String

    @Option(parsing: .unconditional, help: "Training clips per class; as many test clips again.")
    var clipsPerClass = 12

    @Option(parsing: .unconditional, help: "Frames per clip.")
    var frames = 30

    @Option(parsing: .upToNextOption, help: "Frame width and height in pixels (before the pipeline halves them).")
    var size = [128, 96]

    @Option(parsing: .unconditional, help: "Random seed.")
    var seed = 1

    @Flag(help: "Replace --out even when it holds something other than a dataset.")
    var force = false

    func validate() throws {
        guard size.count == 2 else { throw ValidationError("--size takes two values: width height") }
        guard seed >= 0 else { throw ValidationError("--seed must not be negative") }
        guard clipsPerClass >= 1, frames >= 2 else { throw ValidationError("--clips-per-class must be at least 1 and --frames at least 2") }
        switch kind {
        case .motions: guard from == nil else { throw ValidationError("--from belongs to camera-motion; motions are generated") }
        case .cameraMotion: guard from != nil else { throw ValidationError("camera-motion needs --from VIDEOS, a folder of source videos") }
        }
    }

    func run() throws {
        let progress = ProgressLine()
        let layout: Hollywood2Layout
        switch kind {
        case .motions:
            let dataset = MotionDataset(clipsPerClass: clipsPerClass,
                                        renderer: MotionClipRenderer(width: size[0], height: size[1], frameCount: frames),
                                        seed: UInt64(seed))
            layout = try dataset.write(to: URL(fileURLWithPath: out), force: force) { done, total in
                progress.update("writing clips \(done)/\(total)", permanent: done == total)
            }
        case .cameraMotion:
            let sources = try TrainingClips.resolve(URL(fileURLWithPath: from!)).clips
            let dataset = CameraMotionDataset(sources: sources, clipsPerClass: clipsPerClass, width: size[0], height: size[1],
                                              frameCount: frames, seed: UInt64(seed))
            let written = try dataset.write(to: URL(fileURLWithPath: out), force: force) { stage, done, total in
                progress.update("\(stage) \(done)/\(total)", permanent: done == total)
            }
            for item in written.skipped { printError("skipped \(item)") }
            print("\(written.used.count) source videos used: \(written.used.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))")
            layout = written.layout
        }
        print("wrote \(out)")
        print(layout.summary)
    }
}
