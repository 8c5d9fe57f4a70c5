import ArgumentParser
import Datasets
import Foundation

/// `zae-video make-dataset motions`: write the embedded motion dataset in the Hollywood2 layout.
struct MakeDatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-dataset",
        abstract: "Write a generated dataset in the Hollywood2 layout (real AVI files).",
        discussion: "motions: eight classes of global motion (rotation either way, shifts in four directions, zoom in and out) of random dot textures; only spatio-temporal features tell them apart.")

    /// The datasets that can be generated.
    enum Kind: String, ExpressibleByArgument, CaseIterable { case motions }

    @Argument(help: "Which dataset: motions.")
    var kind: Kind

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
    }

    func run() throws {
        let dataset = MotionDataset(clipsPerClass: clipsPerClass,
                                    renderer: MotionClipRenderer(width: size[0], height: size[1], frameCount: frames),
                                    seed: UInt64(seed))
        let progress = ProgressLine()
        let layout = try dataset.write(to: URL(fileURLWithPath: out), force: force) { done, total in
            progress.update("writing clips \(done)/\(total)", permanent: done == total)
        }
        print("wrote \(out)")
        print(layout.summary)
    }
}
