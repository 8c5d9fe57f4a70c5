import Foundation
import Linalg
import Support
import Video

/// A camera-motion dataset over real content: a crop window that pans left, right, up or down, or
/// zooms in or out (`CameraMotion`, `CameraPath`) over clips of the source videos, written in the
/// Hollywood2 layout like `MotionDataset`. Each class cycles through the sources (in a seeded
/// order), so every source serves every class; training clips start in the first half of their
/// source and test clips in the second half, so the two splits never share a source frame.
/// Sources that fail to decode, hold fewer than twice the clip's frames, or cannot hold a window
/// of twice the clip's size are skipped and named.
public struct CameraMotionDataset: Sendable {
    /// The source videos (any format FFmpeg reads).
    public var sources: [URL]
    /// Clips per class in each split.
    public var clipsPerClass: Int
    /// Frame width and height of the clips.
    public var width: Int, height: Int
    /// Frames per clip.
    public var frameCount: Int
    /// The seed: the same sources and seed write the same dataset.
    public var seed: UInt64

    /// Usable sources needed at least.
    public static let minimumSources = 2

    /// A dataset over `sources` of `clipsPerClass` training and as many test clips per class.
    public init(sources: [URL], clipsPerClass: Int = 12, width: Int = 128, height: Int = 96, frameCount: Int = 30, seed: UInt64 = 1) {
        self.sources = sources
        self.clipsPerClass = clipsPerClass
        self.width = width
        self.height = height
        self.frameCount = frameCount
        self.seed = seed
    }

    /// What was written: the layout, the sources used and the ones skipped (with the reason).
    public struct Written: Sendable {
        /// The dataset written.
        public let layout: Hollywood2Layout
        /// The sources the clips come from.
        public let used: [String]
        /// The sources left out.
        public let skipped: [SkippedItem]
    }

    /// One clip to cut: its source (index into the usable sources), first source frame and window path.
    struct ClipPlan: Sendable {
        var source: Int
        var start: Int
        var path: CameraPath
    }

    /// A source that can be used: its path and native size and length.
    struct Source: Sendable {
        var path: String
        var width: Int, height: Int, frames: Int
    }

    /// Writes the dataset to `root` (replacing it as a whole, atomically). Something at `root`
    /// other than an empty folder or a Hollywood2-layout dataset is refused unless `force`.
    public func write(to root: URL, force: Bool = false,
                      progress: @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) throws -> Written {
        let motions = CameraMotion.allCases
        let writer = GeneratedDatasetWriter(classes: motions.map(\.rawValue), clipsPerClass: clipsPerClass,
                                            width: width, height: height, frameCount: frameCount)
        try writer.checkSizes()
        try GeneratedDatasetWriter.checkDestination(root, force: force)
        let (usable, skipped) = try probeSources(progress: progress)
        let plans = plan(usable, clipsPerSplit: writer.clipsPerSplit)
        let clips = try cut(plans, from: usable, progress: progress)
        let layout = try writer.write(to: root, force: force, progress: { progress("writing clips", $0, $1) }) { split, i in
            clips[split == "train" ? i : writer.clipsPerSplit + i]
        }
        return Written(layout: layout, used: usable.map(\.path), skipped: skipped)
    }

    /// Decodes every source once (on all cores) and keeps those long and large enough.
    func probeSources(progress: @Sendable (String, Int, Int) -> Void) throws -> (usable: [Source], skipped: [SkippedItem]) {
        let paths = sources.map(\.path)
        let probes = ResultSlots<VideoProbe>(count: paths.count)
        ParallelWork.forEach(paths.count, work: { i, _ in probes[i] = VideoProbe.probe(path: paths[i]) },
                             done: { progress("reading sources", $0, paths.count) })
        var usable: [Source] = [], skipped: [SkippedItem] = []
        let aspect = Double(width) / Double(height)
        for probe in probes.values.map({ $0! }) {
            if let error = probe.error {
                skipped.append(SkippedItem(item: probe.path, reason: "cannot be decoded: \(error)"))
            } else if let frames = probe.frames, let w = probe.width, let h = probe.height {
                let fitWidth = min(Double(w), Double(h) * aspect)
                if frames < 2 * frameCount {
                    skipped.append(SkippedItem(item: probe.path, reason: "too short: \(frames) frames, a \(frameCount)-frame clip needs \(2 * frameCount) (one half for training clips, one for test clips)"))
                } else if fitWidth < Double(2 * width) || fitWidth / aspect < Double(2 * height) {
                    skipped.append(SkippedItem(item: probe.path, reason: "too small: \(w)x\(h), a \(width)x\(height) clip needs a source holding a \(2 * width)x\(2 * height) window"))
                } else {
                    usable.append(Source(path: probe.path, width: w, height: h, frames: frames))
                }
            }
        }
        guard usable.count >= Self.minimumSources else {
            let account = skipped.isEmpty ? "" : " (skipped: " + skipped.map(\.description).joined(separator: "; ") + ")"
            throw DatasetError.invalidRequest(reason: "a camera-motion dataset needs at least \(Self.minimumSources) usable source videos, \(usable.count) of \(paths.count) remain\(account)")
        }
        return (usable, skipped)
    }

    /// Each clip's source, start and path, `clipsPerSplit` training clips then as many test clips; seeded.
    func plan(_ usable: [Source], clipsPerSplit: Int) -> [ClipPlan] {
        let motions = CameraMotion.allCases
        var order = SeededRandom(seed: seed)
        let sourceOrder = order.sample(usable.count, from: usable.count)
        return (0..<(2 * clipsPerSplit)).map { index in
            let test = index >= clipsPerSplit, i = index % clipsPerSplit
            let motion = i % motions.count, round = i / motions.count
            let source = sourceOrder[(round + motion) % usable.count]
            var rng = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(index))
            let half = usable[source].frames / 2
            let start = (test ? half : 0) + rng.int(below: half - frameCount + 1)
            let path = CameraPath.random(motions[motion], frameCount: frameCount, width: width, height: height,
                                         sourceWidth: usable[source].width, sourceHeight: usable[source].height, rng: &rng)
            return ClipPlan(source: source, start: start, path: path)
        }
    }

    /// Cuts every clip: one decoding pass per source (sources on all cores), each decoded frame
    /// rendered into the clips that cover it.
    func cut(_ plans: [ClipPlan], from usable: [Source], progress: @Sendable (String, Int, Int) -> Void) throws -> [[[UInt8]]] {
        let clips = ResultSlots<[[UInt8]]>(count: plans.count)
        let failures = ResultSlots<String>(count: usable.count)
        let (width, height, frameCount) = (width, height, frameCount)
        ParallelWork.forEach(usable.count, work: { s, _ in
            let mine = plans.indices.filter { plans[$0].source == s }
            guard let last = mine.map({ plans[$0].start + frameCount }).max() else { return }
            var frames = [Int: [[UInt8]]]()
            do {
                let decoder = try VideoDecoder(path: usable[s].path, options: .init(shape: .native))
                var pixels: [UInt8] = []
                while decoder.framesDecoded < last, try decoder.readFrame(into: &pixels) {
                    let t = decoder.framesDecoded - 1
                    for c in mine where plans[c].start <= t && t < plans[c].start + frameCount {
                        let fraction = Double(t - plans[c].start) / Double(max(frameCount - 1, 1))
                        frames[c, default: []].append(plans[c].path.render(source: pixels, sourceWidth: decoder.layout.width,
                                                                           sourceHeight: decoder.layout.height,
                                                                           width: width, height: height, at: fraction))
                    }
                }
            } catch {
                failures[s] = "\(error)"
                return
            }
            for c in mine {
                guard frames[c]?.count == frameCount else {
                    failures[s] = "\(usable[s].path): decoded fewer frames than when it was read first"
                    return
                }
                clips[c] = frames[c]
            }
        }, done: { progress("cutting clips from sources", $0, usable.count) })
        if let failure = failures.values.compactMap({ $0 }).first { throw DatasetError.clipNotMade(reason: failure) }
        return clips.values.map { $0! }
    }
}
