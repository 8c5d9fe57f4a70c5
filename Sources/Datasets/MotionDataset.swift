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

    /// Why a dataset cannot be written.
    public enum Failure: Error, CustomStringConvertible {
        /// A setting or the output folder cannot be used, or a clip could not be written.
        case invalid(String)
        public var description: String {
            switch self { case let .invalid(reason): return reason }
        }
    }

    /// Writes the dataset to `root` (replacing it as a whole, atomically) and returns its layout.
    /// Something at `root` other than an empty folder or a Hollywood2-layout dataset is refused unless `force`.
    public func write(to root: URL, force: Bool = false,
                      progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> Hollywood2Layout {
        guard clipsPerClass >= 1 else { throw Failure.invalid("clips per class must be at least 1, got \(clipsPerClass)") }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if !force, fm.fileExists(atPath: root.path, isDirectory: &isDirectory) {
            let contents = isDirectory.boolValue ? (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] : ["file"]
            guard contents.isEmpty || fm.fileExists(atPath: root.appendingPathComponent("ClipSets").path) else {
                throw Failure.invalid("\(root.path) holds something other than a dataset; choose another --out or pass --force to replace it")
            }
        }
        guard renderer.width >= 16, renderer.height >= 16, renderer.frameCount >= 2, renderer.width % 2 == 0, renderer.height % 2 == 0 else {
            throw Failure.invalid("clips must be at least 16x16 pixels (even sizes) and 2 frames, got \(renderer.width)x\(renderer.height), \(renderer.frameCount) frames")
        }
        guard motions.count >= 2, Set(motions).count == motions.count else {
            throw Failure.invalid("a motion dataset needs at least two distinct motions, got \(motions.map(\.rawValue))")
        }
        let motions = self.motions
        let perSplit = clipsPerClass * motions.count
        try AtomicFile.replaceDirectory(at: root) { folder in
            let clipsFolder = folder.appendingPathComponent("AVIClips")
            try FileManager.default.createDirectory(at: clipsFolder, withIntermediateDirectories: true)
            let failures = ResultSlots<String>(count: 2 * perSplit)
            let renderer = self.renderer, seed = self.seed
            ParallelWork.forEach(2 * perSplit, work: { index, _ in
                let (split, i) = index < perSplit ? ("train", index) : ("test", index - perSplit)
                var rng = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(index))
                let frames = renderer.render(motions[i % motions.count], rng: &rng)
                do {
                    let writer = try VideoWriter(path: clipsFolder.appendingPathComponent(Self.clipName(split, i) + ".avi").path,
                                                 width: renderer.width, height: renderer.height, framesPerSecond: 25, quality: 2)
                    for frame in frames { try writer.append(GrayFrame(width: renderer.width, height: renderer.height, pixels: frame)) }
                    try writer.finish()
                } catch {
                    failures[index] = "\(error)"
                }
            }, done: { progress($0, 2 * perSplit) })
            if let failure = failures.values.compactMap({ $0 }).first { throw Failure.invalid(failure) }
            let sets = folder.appendingPathComponent("ClipSets")
            for (a, motion) in motions.enumerated() {
                for split in ["train", "test"] {
                    let lines = (0..<perSplit).map { "\(Self.clipName(split, $0)) \($0 % motions.count == a ? 1 : -1)" }
                    try AtomicFile.write(lines.joined(separator: "\n") + "\n",
                                         to: sets.appendingPathComponent("\(motion.rawValue)_\(split).txt"))
                }
            }
        }
        return try Hollywood2Layout(root: root)
    }

    /// Hollywood2-style clip names: `actioncliptrain00001`, `actioncliptest00001`, ...
    static func clipName(_ split: String, _ index: Int) -> String {
        "actionclip\(split)" + String(format: "%05d", index + 1)
    }
}
