import Foundation
import Linalg
import Support
import Video

/// The embedded default dataset: clips of the eight `Motion` classes written as real AVI files
/// (mpeg4, through the project's video writer) in the Hollywood2 layout, with train and test clips
/// drawn independently. Any tool that reads Hollywood2 reads it.
public struct MotionDataset: Sendable {
    /// Clips per class in each split.
    public var clipsPerClass: Int
    /// Frame size and length of the clips.
    public var renderer: MotionClipRenderer
    /// The seed: the same seed writes the same dataset.
    public var seed: UInt64
    /// The classes, one action each (all eight by default).
    public var motions: [Motion]

    /// A dataset of `clipsPerClass` training and `clipsPerClass` test clips per motion.
    public init(clipsPerClass: Int = 12, renderer: MotionClipRenderer = MotionClipRenderer(), seed: UInt64 = 1,
                motions: [Motion] = Motion.allCases) {
        self.clipsPerClass = clipsPerClass
        self.renderer = renderer
        self.seed = seed
        self.motions = motions
    }

    /// Writes the dataset to `root` (replacing it as a whole, atomically) and returns its layout.
    /// Something at `root` other than an empty folder or a Hollywood2-layout dataset is refused unless `force`.
    public func write(to root: URL, force: Bool = false,
                      progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> Hollywood2Layout {
        guard motions.count >= 2, Set(motions).count == motions.count else {
            throw DatasetError.invalidRequest(reason: "a motion dataset needs at least two distinct motions, got \(motions.map(\.rawValue))")
        }
        let motions = self.motions, renderer = self.renderer, seed = self.seed
        let writer = GeneratedDatasetWriter(classes: motions.map(\.rawValue), clipsPerClass: clipsPerClass,
                                            width: renderer.width, height: renderer.height, frameCount: renderer.frameCount)
        return try writer.write(to: root, force: force, progress: progress) { split, i in
            let index = split == "train" ? i : writer.clipsPerSplit + i
            var rng = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(index))
            return renderer.render(motions[i % motions.count], rng: &rng)
        }
    }
}
