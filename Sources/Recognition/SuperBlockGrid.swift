import Datasets

/// The first voxel (t, y, x) of a block.
public struct BlockPosition: Sendable, Equatable, Hashable, Codable {
    /// Frame index.
    public var t: Int
    /// Row.
    public var y: Int
    /// Column.
    public var x: Int

    /// The position (t, y, x).
    public init(t: Int, y: Int, x: Int) {
        self.t = t
        self.y = y
        self.x = x
    }
}

/// Where descriptors are cut from a clip: super-blocks on a dense grid, each split into
/// overlapping sub-blocks of the patch size the feature learner was trained on.
///
/// Along each axis a block of size `s` placed with stride `d` in a length `n` fits at
/// `0, d, 2d, ...` while it stays inside: `(n - s) / d + 1` positions when `n >= s`, else none.
/// The same rule places sub-blocks inside a super-block. The defaults are the paper's
/// (Le et al. 2011): 14 x 20 x 20 super-blocks with strides 7, 10, 10 (50% overlap), each holding
/// 2 x 2 x 2 = 8 sub-blocks of 10 x 16 x 16 at stride 4 (offsets 0 and 4 on every axis).
/// Positions are listed in (t, y, x) order, the last axis fastest.
public struct SuperBlockGrid: Sendable, Equatable, Codable {
    /// Size of a super-block.
    public let superBlock: BlockShape
    /// Step between neighbouring super-blocks.
    public let stride: BlockShape
    /// Size of a sub-block (the learner's patch size).
    public let subBlock: BlockShape
    /// Step between neighbouring sub-blocks inside a super-block.
    public let subBlockStride: BlockShape

    /// A grid; throws when a size or stride is not positive or a sub-block does not fit its super-block.
    public init(superBlock: BlockShape = BlockShape(frames: 14, height: 20, width: 20),
                stride: BlockShape = BlockShape(frames: 7, height: 10, width: 10),
                subBlock: BlockShape = BlockShape(frames: 10, height: 16, width: 16),
                subBlockStride: BlockShape = BlockShape(frames: 4, height: 4, width: 4)) throws(RecognitionError) {
        for shape in [superBlock, stride, subBlock, subBlockStride] where min(shape.frames, shape.height, shape.width) < 1 {
            throw .invalidSetting("block sizes and strides must be positive, got \(shape.frames) x \(shape.height) x \(shape.width)")
        }
        guard subBlock.frames <= superBlock.frames, subBlock.height <= superBlock.height, subBlock.width <= superBlock.width else {
            throw .invalidSetting("sub-block \(subBlock.frames) x \(subBlock.height) x \(subBlock.width) does not fit in super-block \(superBlock.frames) x \(superBlock.height) x \(superBlock.width)")
        }
        self.superBlock = superBlock
        self.stride = stride
        self.subBlock = subBlock
        self.subBlockStride = subBlockStride
    }

    /// The paper's grid: 14 x 20 x 20 super-blocks, strides 7, 10, 10, sub-blocks 10 x 16 x 16 at stride 4.
    public static let standard = try! SuperBlockGrid()

    /// How many times a `block` stepped by `step` fits inside `extent` along each axis.
    static func placements(extent: BlockShape, block: BlockShape, step: BlockShape) -> BlockShape {
        func along(_ length: Int, _ size: Int, _ step: Int) -> Int { length >= size ? (length - size) / step + 1 : 0 }
        return BlockShape(frames: along(extent.frames, block.frames, step.frames),
                          height: along(extent.height, block.height, step.height),
                          width: along(extent.width, block.width, step.width))
    }

    /// All positions of a `block` stepped by `step` inside `extent`, in (t, y, x) order.
    static func positions(extent: BlockShape, block: BlockShape, step: BlockShape) -> [BlockPosition] {
        let n = placements(extent: extent, block: block, step: step)
        var out: [BlockPosition] = []
        out.reserveCapacity(n.dimension)
        for i in 0..<n.frames {
            for j in 0..<n.height {
                for k in 0..<n.width { out.append(BlockPosition(t: i * step.frames, y: j * step.height, x: k * step.width)) }
            }
        }
        return out
    }

    /// The number of super-blocks in a clip of `frameCount x height x width` (0 when it is too small or short).
    public func superBlockCount(frameCount: Int, height: Int, width: Int) -> Int {
        Self.placements(extent: BlockShape(frames: frameCount, height: height, width: width), block: superBlock, step: stride).dimension
    }

    /// The first voxel of every super-block in a clip of `frameCount x height x width`, in (t, y, x) order.
    public func superBlockOrigins(frameCount: Int, height: Int, width: Int) -> [BlockPosition] {
        Self.positions(extent: BlockShape(frames: frameCount, height: height, width: width), block: superBlock, step: stride)
    }

    /// The sub-blocks' first voxels relative to their super-block's, in (t, y, x) order: the order
    /// in which their codes are concatenated into a descriptor.
    public var subBlockOffsets: [BlockPosition] {
        Self.positions(extent: superBlock, block: subBlock, step: subBlockStride)
    }

    /// The number of sub-blocks per super-block (8 with the defaults).
    public var subBlocksPerSuperBlock: Int {
        Self.placements(extent: superBlock, block: subBlock, step: subBlockStride).dimension
    }
}
