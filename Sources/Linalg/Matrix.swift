/// A dense row-major matrix of `Float`, stored contiguously: element (r, c) is `storage[r * cols + c]`.
///
/// Value semantics come from the backing array (copy on write). Heavy products go through BLAS
/// (see `Matrix+BLAS.swift`); hot loops take the storage's unsafe pointers directly.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var cols: Int
    /// The elements in row-major order, `rows * cols` of them.
    public var storage: [Float]

    /// A `rows x cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.cols = cols
        self.storage = [Float](repeating: value, count: rows * cols)
    }

    /// A `rows x cols` matrix over row-major `storage`, which must hold `rows * cols` elements.
    public init(rows: Int, cols: Int, storage: [Float]) {
        precondition(storage.count == rows * cols, "storage holds \(storage.count) elements, not \(rows) x \(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A matrix whose rows are the given equally long arrays.
    public init(rowArrays: [[Float]]) {
        let cols = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == cols }, "rows differ in length")
        self.init(rows: rowArrays.count, cols: cols, storage: rowArrays.flatMap { $0 })
    }

    /// The `n x n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    /// Element (row, col).
    @inlinable
    public subscript(row: Int, col: Int) -> Float {
        get { storage[row * cols + col] }
        set { storage[row * cols + col] = newValue }
    }

    /// Row `r` as a new array.
    public func row(_ r: Int) -> [Float] {
        Array(storage[(r * cols)..<((r + 1) * cols)])
    }

    /// Column `c` as a new array.
    public func column(_ c: Int) -> [Float] {
        (0..<rows).map { storage[$0 * cols + c] }
    }

    /// The transpose, as a new matrix.
    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        storage.withUnsafeBufferPointer { src in
            t.storage.withUnsafeMutableBufferPointer { dst in
                for r in 0..<rows {
                    for c in 0..<cols { dst[c * rows + r] = src[r * cols + c] }
                }
            }
        }
        return t
    }

    /// The rows at `indices`, in that order, as a new matrix.
    public func rows(at indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, cols: cols)
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for (i, r) in indices.enumerated() {
                    precondition(r >= 0 && r < rows, "row \(r) out of range 0..<\(rows)")
                    (dst.baseAddress! + i * cols).update(from: src.baseAddress! + r * cols, count: cols)
                }
            }
        }
        return out
    }

    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, cols: cols, storage: Array(storage[(range.lowerBound * cols)..<(range.upperBound * cols)]))
    }

    /// Columns `range` as a new matrix.
    public func columns(_ range: Range<Int>) -> Matrix {
        var out = Matrix(rows: rows, cols: range.count)
        for r in 0..<rows {
            for (j, c) in range.enumerated() { out.storage[r * range.count + j] = storage[r * cols + c] }
        }
        return out
    }

    /// Appends the rows of `other`, which must have the same column count (or self must be empty).
    public mutating func appendRows(_ other: Matrix) {
        if rows == 0 && storage.isEmpty { cols = other.cols }
        precondition(other.cols == cols, "cannot append rows of width \(other.cols) to width \(cols)")
        storage.append(contentsOf: other.storage)
        rows += other.rows
    }

    /// Reinterprets the same storage with new dimensions of equal size.
    public func reshaped(rows: Int, cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: storage)
    }

    /// The mean of each column.
    public func columnMeans() -> [Float] {
        var accumulator = ColumnMeanAccumulator(dimension: cols)
        storage.withUnsafeBufferPointer { accumulator.add(rows: $0.baseAddress!, count: rows) }
        return accumulator.means
    }

    /// Adds `vector` (length `cols`) to every row, scaled by `scale`.
    public mutating func addToRows(_ vector: [Float], scale: Float = 1) {
        precondition(vector.count == cols, "vector of length \(vector.count) does not match \(cols) columns")
        let cols = self.cols
        storage.withUnsafeMutableBufferPointer { p in
            for r in 0..<rows {
                let base = r * cols
                for c in 0..<cols { p[base + c] += scale * vector[c] }
            }
        }
    }

    /// True when every element is finite.
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}
