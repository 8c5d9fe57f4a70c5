import Foundation
import Linalg

/// Raw blocks cut from decoded clips, held as 8-bit gray levels (a quarter of the floats' memory:
/// the paper's 500,000 blocks of 10x16x16 take 1.28 GB instead of 5.1 GB). Stored in segments of
/// `segmentRows` blocks, so whitening can give back what it has read (`release(before:)`) while
/// the whitened rows grow.
///
/// Segments are mapped straight from the system (anonymous `mmap`, zero pages until written) and
/// unmapped on release, so released memory goes back to the system at once rather than staying in
/// the allocator's heap. Rows are written by parallel workers through `rowPointer(_:)`, each to rows
/// no other writes.
public final class PixelBlocks: RawBlocks, @unchecked Sendable {
    /// Blocks per segment.
    public static let segmentRows = 4096

    /// Values per block.
    public let dimension: Int
    /// Blocks held.
    public private(set) var blockCount: Int
    private var segments: [UnsafeMutablePointer<UInt8>?] = []

    /// Room for `count` zero blocks of `dimension` pixels.
    public init(count: Int, dimension: Int) {
        self.dimension = dimension
        self.blockCount = 0
        resize(to: count)
    }

    deinit { for segment in segments { unmap(segment) } }

    private var segmentBytes: Int { Self.segmentRows * dimension }

    /// A new zero segment from the system.
    private func map() -> UnsafeMutablePointer<UInt8> {
        guard let memory = mmap(nil, segmentBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              memory != MAP_FAILED else {
            preconditionFailure("cannot map \(segmentBytes) bytes for training blocks: \(String(cString: strerror(errno)))")
        }
        return memory.bindMemory(to: UInt8.self, capacity: segmentBytes)
    }

    /// Gives a segment back to the system.
    private func unmap(_ segment: UnsafeMutablePointer<UInt8>?) {
        if let segment { munmap(segment, segmentBytes) }
    }

    /// Grows (new blocks are zero) or shrinks to `count` blocks.
    public func resize(to newCount: Int) {
        let needed = (newCount + Self.segmentRows - 1) / Self.segmentRows
        while segments.count > needed { unmap(segments.removeLast()) }
        while segments.count < needed { segments.append(map()) }
        blockCount = newCount
    }

    /// Where block `row` lives (`dimension` pixels).
    public func rowPointer(_ row: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(row >= 0 && row < blockCount, "block \(row) out of range 0..<\(blockCount)")
        guard let segment = segments[row / Self.segmentRows] else { preconditionFailure("block \(row) was released") }
        return segment + (row % Self.segmentRows) * dimension
    }

    /// Copies block `source` over block `target`.
    public func moveRow(_ source: Int, to target: Int) {
        guard source != target else { return }
        rowPointer(target).update(from: rowPointer(source), count: dimension)
    }

    /// Blocks `range` as floats.
    public func copy(_ range: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
        for (i, row) in range.enumerated() {
            let pixels = rowPointer(row), target = destination + i * dimension
            for c in 0..<dimension { target[c] = Float(pixels[c]) }
        }
    }

    /// Frees every whole segment before `row`.
    public func release(before row: Int) {
        for s in 0..<min(row / Self.segmentRows, segments.count) {
            unmap(segments[s])
            segments[s] = nil
        }
    }

    /// The blocks as a float matrix (for small samples and tests).
    public var matrix: Matrix {
        var out = Matrix(rows: blockCount, cols: dimension)
        out.storage.withUnsafeMutableBufferPointer { copy(0..<blockCount, into: $0.baseAddress!) }
        return out
    }
}
