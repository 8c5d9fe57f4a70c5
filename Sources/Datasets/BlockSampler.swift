import Foundation
import Linalg
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
        let results = ResultSlots<ClipOutcome>(count: clips.count)
        let next = Counter(), finished = Counter()
        let shape = self.shape, seed = self.seed
        DispatchQueue.concurrentPerform(iterations: min(ProcessInfo.processInfo.activeProcessorCount, max(clips.count, 1))) { _ in
            while case let i = next.increment() - 1, i < clips.count {
                let url = clips[i]
                do {
                    let volume = try load(url)
                    var rng = SeededRandom(seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
                    results[i] = .blocks(try Self.cut(quota, blocksOf: shape, from: volume, path: url.path, rng: &rng))
                } catch {
                    results[i] = .skipped(SkippedItem(item: url.path, reason: "\(error)"))
                }
                progress(finished.increment(), clips.count)
            }
        }
        var blocks = Matrix(rows: 0, cols: shape.dimension)
        var skipped: [SkippedItem] = [], used = 0
        for case let result? in results.values {
            switch result {
            case let .blocks(part): blocks.appendRows(part); used += 1
            case let .skipped(item): skipped.append(item)
            }
        }
        if blocks.rows > count { blocks = blocks.rows(0..<count) }
        return Sample(blocks: blocks, clipsUsed: used, skipped: skipped)
    }

    /// What one clip gave.
    private enum ClipOutcome {
        case blocks(Matrix)
        case skipped(SkippedItem)
    }

    /// Why a clip cannot give blocks.
    public enum Failure: Error, CustomStringConvertible {
        case tooSmall(path: String, volume: String, block: String)

        public var description: String {
            switch self {
            case let .tooSmall(path, volume, block): return "\(path): clip of \(volume) (frames x height x width) is smaller than one \(block) block"
            }
        }
    }

    /// `n` blocks of `shape` at uniformly random positions in `volume`.
    public static func cut(_ n: Int, blocksOf shape: BlockShape, from volume: FrameVolume, path: String,
                           rng: inout SeededRandom) throws -> Matrix {
        guard volume.frameCount >= shape.frames, volume.height >= shape.height, volume.width >= shape.width else {
            throw Failure.tooSmall(path: path, volume: "\(volume.frameCount) x \(volume.height) x \(volume.width)",
                                   block: "\(shape.frames) x \(shape.height) x \(shape.width)")
        }
        var out = Matrix(rows: n, cols: shape.dimension)
        out.storage.withUnsafeMutableBufferPointer { p in
            for b in 0..<n {
                let t = rng.int(below: volume.frameCount - shape.frames + 1)
                let y = rng.int(below: volume.height - shape.height + 1)
                let x = rng.int(below: volume.width - shape.width + 1)
                volume.copyBlock(t: t, y: y, x: x, depth: shape.frames, blockHeight: shape.height, blockWidth: shape.width,
                                 into: p.baseAddress! + b * shape.dimension)
            }
        }
        return out
    }
}
