import Datasets
import Support

/// Where a descriptor sits in its clip: the centre of its super-block as a fraction of the clip's
/// extent along time, height and width, each in [0, 1).
public struct RelativePosition: Sendable, Equatable, Hashable, Comparable {
    /// Time, as a fraction of the clip's frames.
    public var t: Float
    /// Row, as a fraction of the frame height.
    public var y: Float
    /// Column, as a fraction of the frame width.
    public var x: Float

    /// The position (t, y, x).
    public init(t: Float, y: Float, x: Float) {
        self.t = t
        self.y = y
        self.x = x
    }

    /// The centre of a `block` whose first voxel is `origin`, in a clip of extent `clip`.
    public init(centreOf block: BlockShape, at origin: BlockPosition, in clip: BlockShape) {
        self.init(t: (Float(origin.t) + Float(block.frames) / 2) / Float(clip.frames),
                  y: (Float(origin.y) + Float(block.height) / 2) / Float(clip.height),
                  x: (Float(origin.x) + Float(block.width) / 2) / Float(clip.width))
    }

    /// (t, y, x) order, time first.
    public static func < (a: RelativePosition, b: RelativePosition) -> Bool {
        (a.t, a.y, a.x) < (b.t, b.y, b.x)
    }
}

/// One grid of a pyramid: how many cells divide the clip along time, height and width; in settings
/// and JSON the list `[frames, height, width]` (every count positive).
public struct PyramidGrid: ShapeTriple, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Cells along time.
    public let frames: Int
    /// Cells along the height.
    public let height: Int
    /// Cells along the width.
    public let width: Int

    /// A grid of `frames x height x width` cells; throws unless every count is positive.
    public init(frames: Int, height: Int, width: Int) throws(RecognitionError) {
        guard frames >= 1, height >= 1, width >= 1 else {
            throw .invalidSetting("a pyramid grid needs positive cell counts, got \(frames) x \(height) x \(width)")
        }
        self.frames = frames
        self.height = height
        self.width = width
    }

    /// The whole clip as one cell, 1x1x1.
    public static let whole = try! PyramidGrid(frames: 1, height: 1, width: 1)

    /// Number of cells.
    public var cellCount: Int { frames * height * width }

    /// The cell (in (t, y, x) order, the last axis fastest) holding `position`.
    public func cell(of position: RelativePosition) -> Int {
        func along(_ fraction: Float, _ cells: Int) -> Int { min(max(Int(fraction * Float(cells)), 0), cells - 1) }
        return (along(position.t, frames) * height + along(position.y, height)) * width + along(position.x, width)
    }

    /// `TxHxW`, e.g. `1x2x2`.
    public var description: String { "\(frames)x\(height)x\(width)" }
}

/// A spatio-temporal pyramid (Laptev et al. 2008): grids over (time, height, width) of a clip. Each
/// descriptor votes in the cell of each grid that holds its super-block's centre; each cell is
/// encoded and normalised on its own; the cells' encodings are concatenated, grid after grid.
///
/// Grid weighting: every grid weighs the same, whatever its number of cells. A cell of a grid with C
/// cells, in a pyramid of G grids, is normalised on its own and then scaled by 1/(G C) when
/// L1-normalised (a bag of words) or by 1/sqrt(G C) when L2-normalised (VLAD, Fisher vectors), so
/// each grid's part of the vector has norm 1/G (L1) or 1/sqrt(G) (L2) and the whole has norm 1 when
/// no cell is empty. (Lazebnik et al.'s spatial pyramid instead favours finer levels; free-form grids
/// such as 2x1x1 next to 1x2x2 have no levels to rank.) A one-cell pyramid is the whole-clip encoding.
public struct SpatioTemporalPyramid: Sendable, Equatable {
    /// The grids, in the order their cells are concatenated.
    public let grids: [PyramidGrid]

    /// A pyramid over `grids`; throws when there is none.
    public init(grids: [PyramidGrid]) throws(RecognitionError) {
        guard !grids.isEmpty else { throw .invalidSetting("a pyramid needs at least one grid") }
        self.grids = grids
    }

    /// The whole clip as one cell (the paper's orderless bag of words).
    public static let wholeClip = try! SpatioTemporalPyramid(grids: [.whole])

    /// Cells over all grids.
    public var cellCount: Int { grids.reduce(0) { $0 + $1.cellCount } }

    /// For every cell of every grid (grid after grid), the indices of the `positions` inside it,
    /// listed in position order (ties: lower index first), so that the rows a cell encodes, and so
    /// its encoding, do not depend on the order in which descriptors are listed.
    public func cellMembers(_ positions: [RelativePosition]) -> [[Int]] {
        let order = positions.indices.sorted { positions[$0] < positions[$1] || (positions[$0] == positions[$1] && $0 < $1) }
        var members: [[Int]] = []
        for grid in grids {
            var cells = [[Int]](repeating: [], count: grid.cellCount)
            for i in order { cells[grid.cell(of: positions[i])].append(i) }
            members += cells
        }
        return members
    }

    /// The scale of each cell (aligned with `cellMembers`): 1/(G C) for an L1-normalised encoding,
    /// its square root for an L2-normalised one; exactly 1 for a one-cell pyramid.
    public func cellScales(l2: Bool) -> [Float] {
        grids.flatMap { grid in
            let scale = 1 / Double(grids.count * grid.cellCount)
            return Array(repeating: Float(l2 ? scale.squareRoot() : scale), count: grid.cellCount)
        }
    }
}
