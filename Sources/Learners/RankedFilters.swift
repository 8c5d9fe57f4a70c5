import Linalg

/// A trained model's first-layer filters the way its pictures draw them: whitened-space filters, one
/// per column, the gain of each (how large its unit's pre-activation gets for whitened input, from
/// the weights alone: the pictures show the strongest first, ties in stored order) and a sentence
/// saying what is drawn. Each `LearnerKind` says how its filters are ranked (`rankFilters`).
public struct RankedFilters: Sendable {
    /// The filters, one per column (`D x K`, or `frames * D x K` for filters drawn as frames).
    public var whitened: Matrix
    /// The gain of each column.
    public var gains: [Float]
    /// What the columns are and how they are ranked, for captions.
    public var drawn: String

    /// Filters with their gains and caption.
    public init(whitened: Matrix, gains: [Float], drawn: String) {
        self.whitened = whitened
        self.gains = gains
        self.drawn = drawn
    }


    /// How a kind ranks its filters.
    public typealias Ranking = @Sendable (_ model: any LearnedModel) throws -> RankedFilters

    /// The columns of the kind's filter array ranked by their length; `what` names them for the caption
    /// (e.g. "encoder filters").
    public static func byLength(_ what: String, note: String = "") -> Ranking {
        { model in
            let name = model.kind.learner.filterArray
            let filters = try array(name, of: model)
            return RankedFilters(whitened: filters, gains: columnNorms(filters),
                                 drawn: "\(what) (columns of \(name)), ranked by \(note.isEmpty ? "|w|" : note)")
        }
    }

    /// The 2-D array `name` of `model` as a matrix.
    public static func array(_ name: String, of model: any LearnedModel) throws -> Matrix {
        guard let array = model.arrays[name], array.shape.count == 2 else { throw LearnerError.noFilterArray(kind: model.kind, array: name) }
        return try array.matrix(path: name)
    }

    /// The Euclidean length of every column of `m`.
    public static func columnNorms(_ m: Matrix) -> [Float] {
        var sums = [Float](repeating: 0, count: m.cols)
        for r in 0..<m.rows { for c in 0..<m.cols { sums[c] += m[r, c] * m[r, c] } }
        return sums.map { $0.squareRoot() }
    }

    /// The Euclidean length of every row of `m`.
    public static func rowNorms(_ m: Matrix) -> [Float] {
        (0..<m.rows).map { r in m.row(r).reduce(0) { $0 + $1 * $1 }.squareRoot() }
    }
}
