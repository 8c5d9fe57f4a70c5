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

/// Rows that can be read one at a time in any order: a matrix, or rows spilled to a file.
public protocol RowSource {
    /// Rows in all.
    var rowCount: Int { get }
    /// Values per row.
    var dimension: Int { get }
    /// Copies row `index` to `destination` (`dimension` values).
    func copyRow(_ index: Int, into destination: UnsafeMutablePointer<Float>) throws
}

extension Matrix: RowSource {
    /// Copies row `index`.
    public func copyRow(_ index: Int, into destination: UnsafeMutablePointer<Float>) {
        storage.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + index * cols, count: cols) }
    }
}

/// The rows of a source at `indices`, in that order, streamed in batches of `batchRows` without
/// copying the selection as a whole; itself a source (row `i` is the source's row `indices[i]`).
public struct SelectedRows<Source: RowSource>: RowStream {
    /// Rows gathered per batch.
    public static var batchRows: Int { 1024 }

    /// Where the rows are.
    public var source: Source
    /// Which rows, in order.
    public var indices: [Int]

    /// The rows of `source` at `indices`.
    public init(_ source: Source, indices: [Int]) {
        self.source = source
        self.indices = indices
    }

    public var rowCount: Int { indices.count }
    public var dimension: Int { source.dimension }

    public func forEachBatch(_ body: (UnsafePointer<Float>, Int) throws -> Void) throws {
        let d = dimension
        var batch = [Float](repeating: 0, count: Swift.min(Self.batchRows, indices.count) * d)
        for start in stride(from: 0, to: indices.count, by: Self.batchRows) {
            let count = Swift.min(Self.batchRows, indices.count - start)
            try batch.withUnsafeMutableBufferPointer { b in
                for i in 0..<count { try source.copyRow(indices[start + i], into: b.baseAddress! + i * d) }
                try body(b.baseAddress!, count)
            }
        }
    }
}

extension SelectedRows: RowSource {
    /// Copies the `index`-th selected row.
    public func copyRow(_ index: Int, into destination: UnsafeMutablePointer<Float>) throws {
        try source.copyRow(indices[index], into: destination)
    }
}
