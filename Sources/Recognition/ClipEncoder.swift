import Foundation
import Linalg

/// How a clip's descriptors become one vector: a bag of words, VLAD or a Fisher vector, per cell of
/// a spatio-temporal pyramid.
public struct ClipEncoder: Sendable {
    /// The encoding of one cell, with the model it needs.
    public enum Kind: Sendable {
        /// Weighted L1-normalised word histogram (`BagOfWords`).
        case bagOfWords(Vocabulary)
        /// VLAD over the words, signed square root and L2 normalisation.
        case vlad(Vocabulary)
        /// Fisher vector under the mixture, signed square root and L2 normalisation.
        case fisher(DiagonalGMM)
    }

    /// The cell encoding.
    public let kind: Kind
    /// The cells.
    public let pyramid: SpatioTemporalPyramid

    /// An encoder of `kind` over the cells of `pyramid`.
    public init(kind: Kind, pyramid: SpatioTemporalPyramid = .wholeClip) {
        self.kind = kind
        self.pyramid = pyramid
    }

    /// Values per cell.
    public var cellDimension: Int {
        switch kind {
        case let .bagOfWords(vocabulary): return vocabulary.wordCount
        case let .vlad(vocabulary): return vocabulary.wordCount * vocabulary.dimension
        case let .fisher(gmm): return 2 * gmm.componentCount * gmm.dimension
        }
    }

    /// Length of a clip's encoding.
    public var dimension: Int { cellDimension * pyramid.cellCount }

    /// The encoding of a clip's descriptors (`N x D`, reduced to the model's dimension), their vote
    /// weights (used by the bag of words) and their super-blocks' positions.
    public func encode(descriptors: Matrix, weights: [Float], positions: [RelativePosition]) -> [Float] {
        precondition(descriptors.rows == weights.count && descriptors.rows == positions.count,
                     "\(descriptors.rows) descriptors, \(weights.count) weights, \(positions.count) positions")
        var out: [Float] = []
        out.reserveCapacity(dimension)
        switch kind {
        case let .bagOfWords(vocabulary):
            let words = vocabulary.nearestWords(descriptors)
            for (members, scale) in zip(pyramid.cellMembers(positions), pyramid.cellScales(l2: false)) {
                let histogram = BagOfWords.histogram(words: members.map { words[$0] }, weights: members.map { weights[$0] },
                                                     wordCount: vocabulary.wordCount)
                out += scale == 1 ? histogram : histogram.map { $0 * scale }
            }
        case let .vlad(vocabulary):
            out += normalisedCells(descriptors, positions: positions) { VLAD.encode($0, vocabulary: vocabulary) }
        case let .fisher(gmm):
            out += normalisedCells(descriptors, positions: positions) { FisherVector.encode($0, gmm: gmm) }
        }
        return out
    }

    /// Each cell's rows encoded by `encode`, power- and L2-normalised, scaled by its grid's weight, concatenated.
    private func normalisedCells(_ descriptors: Matrix, positions: [RelativePosition], encode: (Matrix) -> [Float]) -> [Float] {
        var out: [Float] = []
        for (members, scale) in zip(pyramid.cellMembers(positions), pyramid.cellScales(l2: true)) {
            var vector = encode(descriptors.rows(at: members))
            EncodingNormalization.powerAndL2(&vector)
            out += scale == 1 ? vector : vector.map { $0 * scale }
        }
        return out
    }
}
