import Foundation
import Linalg

/// A seed for the `stream`-th independent random sequence of a run seeded with `seed`
/// (stream 0: initialisation; stream e: epoch e's shuffle and sampling).
func derivedSeed(_ seed: UInt64, stream: UInt64) -> UInt64 {
    var generator = SeededRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
    return generator.next()
}

/// `count` training examples as unit-length columns of a `D x count` matrix, scaled by `norm`:
/// the data-based initialisation. Rows are drawn without replacement while there are enough;
/// an all-zero example is replaced by a random direction.
func exampleColumns(of data: Matrix, count: Int, norm: Float, random: inout SeededRandom) -> Matrix {
    let d = data.cols
    let picks = count <= data.rows ? random.sample(count, from: data.rows) : (0..<count).map { _ in random.int(below: data.rows) }
    var w = Matrix(rows: d, cols: count)
    for (j, r) in picks.enumerated() {
        var column = data.row(r)
        var length = column.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        if !(length > 0) {
            column = (0..<d).map { _ in random.normal() }
            length = column.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        }
        for i in 0..<d { w[i, j] = norm * column[i] / length }
    }
    return w
}

/// Throws unless `data` has `dimension` columns, at least `minimumRows` rows and only finite values.
func validate(_ data: Matrix, dimension: Int, minimumRows: Int = 2, for kind: ModelKind) throws {
    guard data.cols == dimension else {
        throw LearnerError.invalidData(model: kind, reason: "expected \(dimension) columns, got \(data.cols)")
    }
    guard data.rows >= minimumRows else {
        throw LearnerError.invalidData(model: kind, reason: "needs at least \(minimumRows) rows, got \(data.rows)")
    }
    guard data.isFinite else { throw LearnerError.invalidData(model: kind, reason: "data holds NaN or infinite values") }
}

/// `value` as compact JSON with sorted keys: a stable text to store and compare configurations.
func canonicalJSON<T: Encodable>(_ value: T) -> String {
    // Encoding plain Codable structs of numbers and strings cannot fail.
    String(decoding: (try? JSONEncoder.canonical().encode(value)) ?? Data(), as: UTF8.self)
}

/// A flat parameter vector's consecutive pieces, in order, as float arrays.
func split(_ flat: [Float], sizes: [Int]) -> [[Float]] {
    var start = 0
    return sizes.map { size in
        defer { start += size }
        return Array(flat[start..<(start + size)])
    }
}

