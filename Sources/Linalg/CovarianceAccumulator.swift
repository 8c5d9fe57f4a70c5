import COpenBLAS

/// The column means of rows handed over in batches: double-precision sums in row order, so the
/// result does not depend on how the rows were batched.
public struct ColumnMeanAccumulator {
    private var sums: [Double]
    /// Rows added so far.
    public private(set) var count = 0

    /// An empty accumulator for rows of `dimension` values.
    public init(dimension: Int) { sums = [Double](repeating: 0, count: dimension) }

    /// Adds `count` rows stored contiguously at `rows`.
    public mutating func add(rows: UnsafePointer<Float>, count: Int) {
        let d = sums.count
        sums.withUnsafeMutableBufferPointer { s in
            for r in 0..<count {
                let row = rows + r * d
                for c in 0..<d { s[c] += Double(row[c]) }
            }
        }
        self.count += count
    }

    /// The mean of each column (zeros before any row).
    public var means: [Float] {
        let n = Double(Swift.max(count, 1))
        return sums.map { Float($0 / n) }
    }
}

/// The covariance `(X - mean)^T (X - mean) / N` of rows handed over in batches, around a mean known
/// in advance: centred rows are gathered into chunks of `chunkRows`, each chunk goes through ssyrk
/// (the upper triangle only, half of sgemm's work) and chunk sums are added in double precision.
/// The chunks are the same however the rows were batched, so the result is too. Memory: `chunkRows x
/// D` floats, `D x D` doubles and `D x D` floats, whatever the number of rows.
public struct CovarianceAccumulator {
    /// Rows per ssyrk call.
    public static let chunkRows = 4096

    private let mean: [Float]
    private let chunk: Int
    private var sums: [Double]
    private var part: [Float]
    private var block: [Float]
    private var filled = 0
    /// Rows added so far.
    public private(set) var count = 0

    /// An accumulator around `mean`, for `expectedRows` rows in all (it sizes the chunk buffer: no
    /// larger than the data needs).
    public init(mean: [Float], expectedRows: Int) {
        let d = mean.count
        self.mean = mean
        chunk = Swift.max(1, Swift.min(Self.chunkRows, expectedRows))
        sums = [Double](repeating: 0, count: d * d)
        part = [Float](repeating: 0, count: d * d)
        block = [Float](repeating: 0, count: chunk * d)
    }

    /// Adds `count` rows stored contiguously at `rows`.
    public mutating func add(rows: UnsafePointer<Float>, count: Int) {
        let d = mean.count
        var r = 0
        while r < count {
            let take = Swift.min(count - r, chunk - filled)
            let filled = self.filled
            mean.withUnsafeBufferPointer { m in
                block.withUnsafeMutableBufferPointer { b in
                    for i in 0..<take {
                        let source = rows + (r + i) * d, target = b.baseAddress! + (filled + i) * d
                        for c in 0..<d { target[c] = source[c] - m[c] }
                    }
                }
            }
            self.filled += take
            r += take
            if self.filled == chunk { flush() }
        }
        self.count += count
    }

    /// Sends the gathered chunk through ssyrk and adds it to the double-precision sums.
    private mutating func flush() {
        guard filled > 0 else { return }
        let d = mean.count, rows = filled
        block.withUnsafeBufferPointer { b in
            part.withUnsafeMutableBufferPointer { p in
                cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(rows), 1,
                            b.baseAddress, Int32(d), 0, p.baseAddress, Int32(d))
            }
        }
        part.withUnsafeBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { s in
                for i in 0..<d { for j in i..<d { s[i * d + j] += Double(p[i * d + j]) } }
            }
        }
        filled = 0
    }

    /// The full symmetric covariance of the rows added, consuming the accumulator.
    public consuming func covariance() -> Matrix {
        flush()
        let d = mean.count, n = Double(count)
        var covariance = Matrix(rows: d, cols: d)
        sums.withUnsafeBufferPointer { s in
            covariance.storage.withUnsafeMutableBufferPointer { c in
                for i in 0..<d {
                    for j in i..<d {
                        let value = Float(s[i * d + j] / n)
                        c[i * d + j] = value
                        c[j * d + i] = value
                    }
                }
            }
        }
        return covariance
    }
}
