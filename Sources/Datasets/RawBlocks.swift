import Linalg

/// Raw training blocks, one flattened block per row, in whatever storage holds them most cheaply:
/// 8-bit pixels for decoded clips (`PixelBlocks`), floats for generated videos (`Matrix`).
/// `PatchWhitening` reads them in order as floats, batch by batch.
public protocol RawBlocks {
    /// Blocks held.
    var blockCount: Int { get }
    /// Values per block.
    var dimension: Int { get }
    /// Writes blocks `range` as floats to `destination` (`range.count x dimension` values).
    func copy(_ range: Range<Int>, into destination: UnsafeMutablePointer<Float>)
    /// Gives back the memory of blocks before `row`, which will not be read again (a no-op where
    /// the storage cannot be released in parts).
    mutating func release(before row: Int)
}

extension Matrix: RawBlocks {
    /// Rows, as raw blocks.
    public var blockCount: Int { rows }

    /// Copies rows `range`.
    public func copy(_ range: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
        storage.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + range.lowerBound * cols, count: range.count * cols) }
    }

    /// A matrix is one allocation: nothing to release in parts.
    public mutating func release(before row: Int) {}
}
