import Foundation
import Linalg
import Support
import Video

/// A clip that a batch job left out, and why.
public struct SkippedItem: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The clip's path or name.
    public var item: String
    /// The reason, one line.
    public var reason: String

    /// A skipped item.
    public init(item: String, reason: String) {
        self.item = item
        self.reason = reason
    }

    public var description: String { "\(item): \(reason)" }
}

/// Random training blocks cut from a list of clips, spread evenly over the clips.
public struct BlockSampler: Sendable {
    /// The block size.
    public var shape: BlockShape
    /// Blocks wanted in all.
    public var count: Int
    /// The seed: the same clips and seed give the same blocks, whatever the thread count.
    public var seed: UInt64

    /// A sampler of `count` blocks of `shape`.
    public init(shape: BlockShape, count: Int, seed: UInt64) {
        self.shape = shape
        self.count = count
        self.seed = seed
    }

    /// The blocks sampled, and the clips that could not be used.
    public struct Sample: Sendable {
        /// One flattened block per row, `N x shape.dimension`, raw pixel values.
        public var blocks: Matrix
        /// Clips that gave blocks.
        public var clipsUsed: Int
        /// Clips left out (unreadable, too short or too small), with the reason.
        public var skipped: [SkippedItem]
    }

    /// Samples blocks from `clips`, loading each with `load` (decoding runs on all cores).
    ///
    /// Every clip gets an equal quota, `ceil(count / clips)`, of uniformly placed blocks; a clip that
    /// fails to load, or is shorter or smaller than one block, is skipped and named. The result is
    /// cut to `count` blocks, so skipped clips leave it short rather than overweighting the others.
    public func sample(clips: [URL], load: @Sendable (URL) throws -> FrameVolume,
                       progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) -> Sample {
        let quota = clips.isEmpty ? 0 : (count + clips.count - 1) / clips.count
        let d = shape.dimension
        // Every clip writes its quota straight into its own slot of one buffer (the sample can be
        // gigabytes: no per-clip copies); skipped clips' slots are squeezed out afterwards.
        var storage = [Float](repeating: 0, count: quota * clips.count * d)
        let skippedSlots = ResultSlots<SkippedItem>(count: clips.count)
        let shape = self.shape, seed = self.seed
        storage.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let base = buffer.baseAddress
            ParallelWork.forEach(clips.count, work: { i, _ in
                let url = clips[i]
                do {
                    let volume = try load(url)
                    var rng = SeededRandom(seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
                    try Self.cut(quota, blocksOf: shape, from: volume, path: url.path, rng: &rng, into: base! + i * quota * d)
                } catch {
                    skippedSlots[i] = SkippedItem(item: url.path, reason: "\(error)")
                }
            }, done: { progress($0, clips.count) })
        }
        let skipped = skippedSlots.values
        var used = 0
        storage.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<clips.count where skipped[i] == nil {
                if used != i {
                    (buffer.baseAddress! + used * quota * d).update(from: buffer.baseAddress! + i * quota * d, count: quota * d)
                }
                used += 1
            }
        }
        let rows = min(count, used * quota)
        storage.removeLast(storage.count - rows * d)
        return Sample(blocks: Matrix(rows: rows, cols: d, storage: storage), clipsUsed: used, skipped: skipped.compactMap { $0 })
    }

    /// Why a clip cannot give blocks.
    public enum Failure: Error, CustomStringConvertible {
        /// The clip is shorter or smaller than one block.
        case tooSmall(path: String, volume: String, block: String)

        public var description: String {
            switch self {
            case let .tooSmall(path, volume, block): return "\(path): clip of \(volume) (frames x height x width) is smaller than one \(block) block"
            }
        }
    }

    /// Writes `n` blocks of `shape` at uniformly random positions in `volume` to `destination`
    /// (`n * shape.dimension` values); throws when the volume is smaller than one block.
    public static func cut(_ n: Int, blocksOf shape: BlockShape, from volume: FrameVolume, path: String,
                           rng: inout SeededRandom, into destination: UnsafeMutablePointer<Float>) throws {
        guard volume.frameCount >= shape.frames, volume.height >= shape.height, volume.width >= shape.width else {
            throw Failure.tooSmall(path: path, volume: "\(volume.frameCount) x \(volume.height) x \(volume.width)",
                                   block: "\(shape.frames) x \(shape.height) x \(shape.width)")
        }
        for b in 0..<n {
            let t = rng.int(below: volume.frameCount - shape.frames + 1)
            let y = rng.int(below: volume.height - shape.height + 1)
            let x = rng.int(below: volume.width - shape.width + 1)
            volume.copyBlock(t: t, y: y, x: x, depth: shape.frames, blockHeight: shape.height, blockWidth: shape.width,
                             into: destination + b * shape.dimension)
        }
    }
}
