import Linalg

/// Raw blocks as the rows a whitening PCA is fit on: read batch by batch as floats and
/// preprocessed, each block one row or, for per-frame whitening, `rowsPerBlock` rows of one frame each.
struct PreprocessedBlocks<Blocks: RawBlocks>: RowStream {
    /// The raw blocks.
    var blocks: Blocks
    /// What is done to each block first.
    var preprocessing: BlockPreprocessing
    /// Rows per block: 1, or the frames of a block for per-frame whitening.
    var rowsPerBlock: Int

    var rowCount: Int { blocks.blockCount * rowsPerBlock }
    var dimension: Int { blocks.dimension / rowsPerBlock }

    func forEachBatch(_ body: (UnsafePointer<Float>, Int) throws -> Void) throws {
        // Batch size does not change the result (the covariance is chunked on its own): one pixel segment.
        let n = blocks.blockCount, d = blocks.dimension, batch = PixelBlocks.segmentRows
        var scratch = [Float](repeating: 0, count: min(batch, n) * d)
        for start in stride(from: 0, to: n, by: batch) {
            let count = min(batch, n - start)
            try scratch.withUnsafeMutableBufferPointer { raw in
                blocks.copy(start..<(start + count), into: raw.baseAddress!)
                preprocessing.apply(rows: raw.baseAddress!, count: count, dimension: d)
                try body(raw.baseAddress!, count * rowsPerBlock)
            }
        }
    }
}
