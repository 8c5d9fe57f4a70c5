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
        /// One flattened block per row, `N x shape.dimension`, raw 8-bit pixel values.
        public var blocks: PixelBlocks
        /// Clips that gave blocks.
        public var clipsUsed: Int
        /// Clips left out (unreadable, too short or too small), with the reason.
        public var skipped: [SkippedItem]
        /// Distinct block positions in the clips used: more blocks than this repeat some.
        public var positions: Int
    }

    /// Samples blocks from `clips`, loading each with `load` (decoding runs on all cores).
    ///
    /// Every clip gets an equal quota, `ceil(count / clips)`, of uniformly placed blocks; a clip that
    /// fails to load, or is shorter or smaller than one block, is skipped and named. When clips were
    /// skipped, the blocks they owed are redistributed: the clips that decoded are read again for
    /// `ceil(count / used) - quota` more blocks each (drawn from the same random stream, so they
    /// continue the clip's sample). The result is cut to `count` blocks, clip after clip.
    public func sample(clips: [URL], load: @Sendable (URL) throws -> FrameVolume,
                       progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) -> Sample {
        let quota = clips.isEmpty ? 0 : (count + clips.count - 1) / clips.count
        // Every clip writes its quota straight into its own rows of one store (the sample can be
        // gigabytes: no per-clip copies); skipped clips' rows are squeezed out afterwards.
        let blocks = PixelBlocks(count: quota * clips.count, dimension: shape.dimension)
        let outcomes = cut(quota, from: clips, skipping: 0, into: blocks, firstRow: { $0 * quota }, load: load, progress: progress)
        var used: [Int] = []
        for (i, outcome) in outcomes.enumerated() where outcome.positions != nil {
            for b in 0..<quota { blocks.moveRow(i * quota + b, to: used.count * quota + b) }
            used.append(i)
        }
        var skipped = outcomes.compactMap(\.skipped)
        var rows = used.count * quota
        blocks.resize(to: rows)
        if !used.isEmpty && rows < count {
            let extra = (count + used.count - 1) / used.count - quota
            blocks.resize(to: rows + extra * used.count)
            let (base, usedClips) = (rows, used)
            let again = cut(quota + extra, from: used.map { clips[$0] }, skipping: quota, into: blocks,
                            firstRow: { base + $0 * extra }, load: load, seedIndex: { usedClips[$0] })
            // A clip that decoded once but not again gives no extra blocks; its rows are squeezed out.
            var kept = rows
            for (j, outcome) in again.enumerated() {
                if let failure = outcome.skipped { skipped.append(failure); continue }
                for b in 0..<extra { blocks.moveRow(rows + j * extra + b, to: kept + b) }
                kept += extra
            }
            rows = kept
        }
        blocks.resize(to: min(count, rows))
        let positions = outcomes.compactMap(\.positions).reduce(0, +)
        return Sample(blocks: blocks, clipsUsed: used.count, skipped: skipped, positions: positions)
    }

    /// What one clip gave: the number of distinct block positions it holds, or why it was skipped.
    struct ClipOutcome: Sendable {
        var positions: Int?
        var skipped: SkippedItem?
    }

    /// Cuts `n` blocks from each of `clips` in parallel (the first `skip` random positions drawn but
    /// not written) into rows `firstRow(i)...` of `blocks`; clip `i` draws from the random stream
    /// of index `seedIndex(i)`.
    func cut(_ n: Int, from clips: [URL], skipping skip: Int, into blocks: PixelBlocks, firstRow: @Sendable (Int) -> Int,
             load: @Sendable (URL) throws -> FrameVolume, seedIndex: @Sendable (Int) -> Int = { $0 },
             progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) -> [ClipOutcome] {
        let outcomes = ResultSlots<ClipOutcome>(count: clips.count)
        let shape = self.shape, seed = self.seed
        ParallelWork.forEach(clips.count, work: { i, _ in
            let url = clips[i]
            do {
                let volume = try load(url)
                var rng = SeededRandom(seed: seed &+ UInt64(seedIndex(i)) &* 0x9E37_79B9_7F4A_7C15)
                let start = firstRow(i)
                let positions = try Self.cut(n, blocksOf: shape, from: volume, path: url.path, rng: &rng, skipping: skip) { blocks.rowPointer(start + $0) }
                outcomes[i] = ClipOutcome(positions: positions)
            } catch {
                outcomes[i] = ClipOutcome(skipped: SkippedItem(item: url.path, reason: "\(error)"))
            }
        }, done: { progress($0, clips.count) })
        return outcomes.values.map { $0! }
    }

    /// Draws `n` uniformly random block positions of `shape` in `volume` and writes the blocks after
    /// the first `skip` as 8-bit pixels to `row(b)` (block `b - skip`). Returns the number of distinct
    /// positions; throws when the volume is smaller than one block or holds other than 8-bit values.
    public static func cut(_ n: Int, blocksOf shape: BlockShape, from volume: FrameVolume, path: String, rng: inout SeededRandom,
                           skipping skip: Int = 0, row: (Int) -> UnsafeMutablePointer<UInt8>) throws -> Int {
        guard volume.frameCount >= shape.frames, volume.height >= shape.height, volume.width >= shape.width else {
            throw DatasetError.clipTooSmall(path: path, volume: "\(volume.frameCount) x \(volume.height) x \(volume.width)",
                                   block: "\(shape.frames) x \(shape.height) x \(shape.width)")
        }
        let (h, w) = (volume.height, volume.width)
        try volume.voxels.withUnsafeBufferPointer { voxels in
            for b in 0..<n {
                let t = rng.int(below: volume.frameCount - shape.frames + 1)
                let y = rng.int(below: h - shape.height + 1)
                let x = rng.int(below: w - shape.width + 1)
                guard b >= skip else { continue }
                var out = row(b - skip)
                for dt in 0..<shape.frames {
                    for dy in 0..<shape.height {
                        let line = voxels.baseAddress! + ((t + dt) * h + y + dy) * w + x
                        for dx in 0..<shape.width {
                            guard let pixel = UInt8(exactly: line[dx]) else { throw DatasetError.notEightBit(path: path, value: line[dx]) }
                            out[dx] = pixel
                        }
                        out += shape.width
                    }
                }
            }
        }
        return (volume.frameCount - shape.frames + 1) * (h - shape.height + 1) * (w - shape.width + 1)
    }
}
