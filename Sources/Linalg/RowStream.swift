/// Rows that can be read in order, batch by batch, as often as asked, without ever existing as one
/// matrix: what a PCA is fit on when its sample is too large to hold (8-bit pixel blocks, rows
/// spilled to a file). `Matrix` is one, handing over its storage as a single batch.
public protocol RowStream {
    /// Rows in all.
    var rowCount: Int { get }
    /// Values per row.
    var dimension: Int { get }
    /// Calls `body(rows, count)` with consecutive batches that together hold every row once, in
    /// order (`count x dimension` values at `rows`, valid only during the call).
    func forEachBatch(_ body: (_ rows: UnsafePointer<Float>, _ count: Int) throws -> Void) throws
}

extension Matrix: RowStream {
    /// The row count, as a stream.
    public var rowCount: Int { rows }
    /// The column count, as a stream.
    public var dimension: Int { cols }

    /// The whole matrix as one batch.
    public func forEachBatch(_ body: (UnsafePointer<Float>, Int) throws -> Void) throws {
        try storage.withUnsafeBufferPointer { try body($0.baseAddress!, rows) }
    }
}
