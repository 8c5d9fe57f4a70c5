import Foundation
import Support
import Video

/// Writes a generated dataset in the Hollywood2 layout: `AVIClips/<clip>.avi` (mpeg4 through the
/// project's video writer) and `ClipSets/<Class>_{train,test}.txt`. Each split holds
/// `clipsPerClass` clips per class; clip `i` of a split belongs to class `i % classes.count`.
/// The motion and camera-motion datasets both write through it.
struct GeneratedDatasetWriter: Sendable {
    /// The class names, one action each.
    var classes: [String]
    /// Clips per class in each split.
    var clipsPerClass: Int
    /// Frame width and height of every clip.
    var width: Int, height: Int
    /// Frames per clip.
    var frameCount: Int

    /// Refuses sizes the writer and the pipeline cannot use.
    func checkSizes() throws {
        guard clipsPerClass >= 1 else { throw DatasetError.invalidRequest(reason: "clips per class must be at least 1, got \(clipsPerClass)") }
        guard width >= 16, height >= 16, frameCount >= 2, width % 2 == 0, height % 2 == 0 else {
            throw DatasetError.invalidRequest(reason: "clips must be at least 16x16 pixels (even sizes) and 2 frames, got \(width)x\(height), \(frameCount) frames")
        }
    }

    /// Clips in one split.
    var clipsPerSplit: Int { clipsPerClass * classes.count }

    /// Refuses a `root` that holds something other than an empty folder or a Hollywood2-layout
    /// dataset, unless `force`; called before any heavy work.
    static func checkDestination(_ root: URL, force: Bool) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard !force, fm.fileExists(atPath: root.path, isDirectory: &isDirectory) else { return }
        let contents = isDirectory.boolValue ? (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] : ["file"]
        guard contents.isEmpty || fm.fileExists(atPath: root.appendingPathComponent("ClipSets").path) else {
            throw DatasetError.occupiedOutput(path: root.path)
        }
    }

    /// Writes the dataset to `root` (replacing it as a whole, atomically) and returns its layout.
    /// `frames(split, index)` gives clip `index` of the split ("train" or "test") as row-major gray
    /// frames of `width x height`; clips are made and encoded on all cores.
    func write(to root: URL, force: Bool, progress: @Sendable (_ done: Int, _ total: Int) -> Void,
               frames: @Sendable (_ split: String, _ index: Int) -> [[UInt8]]) throws -> Hollywood2Layout {
        try checkSizes()
        try Self.checkDestination(root, force: force)
        let perSplit = clipsPerSplit, width = width, height = height
        try AtomicFile.replaceDirectory(at: root) { folder in
            let clipsFolder = folder.appendingPathComponent("AVIClips")
            try FileManager.default.createDirectory(at: clipsFolder, withIntermediateDirectories: true)
            let failures = ResultSlots<String>(count: 2 * perSplit)
            ParallelWork.forEach(2 * perSplit, work: { index, _ in
                let (split, i) = index < perSplit ? ("train", index) : ("test", index - perSplit)
                do {
                    let writer = try VideoWriter(path: clipsFolder.appendingPathComponent(Self.clipName(split, i) + ".avi").path,
                                                 width: width, height: height, framesPerSecond: 25, quality: 2)
                    for frame in frames(split, i) { try writer.append(GrayFrame(width: width, height: height, pixels: frame)) }
                    try writer.finish()
                } catch {
                    failures[index] = "\(error)"
                }
            }, done: { progress($0, 2 * perSplit) })
            if let failure = failures.values.compactMap({ $0 }).first { throw DatasetError.clipNotMade(reason: failure) }
            let sets = folder.appendingPathComponent("ClipSets")
            for (c, name) in classes.enumerated() {
                for split in ["train", "test"] {
                    let lines = (0..<perSplit).map { "\(Self.clipName(split, $0)) \($0 % classes.count == c ? 1 : -1)" }
                    try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: sets.appendingPathComponent("\(name)_\(split).txt"))
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
