import Datasets
import Linalg
import Testing
@testable import Recognition

@Suite struct SpatioTemporalPyramidTests {
    /// A clip's descriptors on a 3 x 4 x 5 grid of super-block centres, in extraction ((t, y, x)) order.
    static func clip(seed: UInt64) -> (descriptors: Matrix, weights: [Float], positions: [RelativePosition]) {
        var random = SeededRandom(seed: seed)
        var positions: [RelativePosition] = []
        for t in 0..<3 { for y in 0..<4 { for x in 0..<5 {
            positions.append(RelativePosition(centreOf: BlockShape(frames: 4, height: 4, width: 4),
                                              at: BlockPosition(t: 4 * t, y: 4 * y, x: 4 * x), in: BlockShape(frames: 12, height: 16, width: 20)))
        } } }
        let weights = (0..<positions.count).map { _ in random.uniform() }
        return (random.normalMatrix(rows: positions.count, cols: 3), weights, positions)
    }

    static func grids(_ triples: [[Int]]) throws -> SpatioTemporalPyramid {
        try SpatioTemporalPyramid(grids: triples.map { try PyramidGrid(frames: $0[0], height: $0[1], width: $0[2]) })
    }

    @Test func oneCellEqualsTheHistogramExactly() {
        let (descriptors, weights, positions) = Self.clip(seed: 1)
        var random = SeededRandom(seed: 2)
        let vocabulary = Vocabulary(centroids: random.normalMatrix(rows: 9, cols: 3))
        let encoded = ClipEncoder(kind: .bagOfWords(vocabulary)).encode(descriptors: descriptors, weights: weights, positions: positions)
        #expect(encoded == BagOfWords.histogram(descriptors: descriptors, weights: weights, vocabulary: vocabulary))
    }

    @Test func cellsHoldTheirCentres() throws {
        let (_, _, positions) = Self.clip(seed: 1)
        let pyramid = try Self.grids([[1, 1, 1], [3, 1, 1], [1, 2, 2]])
        let members = pyramid.cellMembers(positions)
        #expect(members.count == 1 + 3 + 4)
        #expect(members[0] == Array(0..<60))
        // Time thirds: centres at t = 2, 6, 10 of 12 frames fall in cells 0, 1, 2.
        for t in 0..<3 { #expect(members[1 + t] == Array((20 * t)..<(20 * t + 20))) }
        // 2 x 2 spatial cells: rows 0-1 of 4 are the top half; columns 0-1 of 5 (centres 2, 6 of 20) the left half.
        let topLeft = members[4]
        #expect(topLeft.count == 3 * 2 * 2)
        #expect(topLeft.allSatisfy { positions[$0].y < 0.5 && positions[$0].x < 0.5 })
        #expect(members[5].count == 3 * 2 * 3)
    }

    @Test func encodingsIgnoreTheOrderOfSuperBlocks() throws {
        let (descriptors, weights, positions) = Self.clip(seed: 4)
        var random = SeededRandom(seed: 5)
        let vocabulary = Vocabulary(centroids: random.normalMatrix(rows: 6, cols: 3))
        let gmm = DiagonalGMM(weights: [0.5, 0.5], means: random.normalMatrix(rows: 2, cols: 3), variances: Matrix(rows: 2, cols: 3, repeating: 1))
        let pyramid = try Self.grids([[1, 1, 1], [2, 2, 2]])
        var order = Array(0..<positions.count)
        order.shuffle(using: &random)
        for kind: ClipEncoder.Kind in [.bagOfWords(vocabulary), .vlad(vocabulary), .fisher(gmm)] {
            let encoder = ClipEncoder(kind: kind, pyramid: pyramid)
            let original = encoder.encode(descriptors: descriptors, weights: weights, positions: positions)
            let shuffled = encoder.encode(descriptors: descriptors.rows(at: order), weights: order.map { weights[$0] },
                                          positions: order.map { positions[$0] })
            #expect(original == shuffled)
            #expect(original.count == encoder.dimension)
        }
    }

    @Test func gridsWeighEqually() throws {
        let (descriptors, weights, positions) = Self.clip(seed: 6)
        var random = SeededRandom(seed: 7)
        let vocabulary = Vocabulary(centroids: random.normalMatrix(rows: 4, cols: 3))
        let pyramid = try Self.grids([[1, 1, 1], [1, 2, 2]])
        let bow = ClipEncoder(kind: .bagOfWords(vocabulary), pyramid: pyramid).encode(descriptors: descriptors, weights: weights, positions: positions)
        #expect(abs(bow[0..<4].reduce(0, +) - 0.5) < 1e-6 && abs(bow[4...].reduce(0, +) - 0.5) < 1e-6)
        for cell in 0..<4 { #expect(abs(bow[(4 + 4 * cell)..<(8 + 4 * cell)].reduce(0, +) - 0.125) < 1e-6) }
        let vlad = ClipEncoder(kind: .vlad(vocabulary), pyramid: pyramid).encode(descriptors: descriptors, weights: weights, positions: positions)
        let squared = vlad.map { Double($0) * Double($0) }
        #expect(abs(squared[0..<12].reduce(0, +) - 0.5) < 1e-5)   // one cell of 4 x 3 values
        #expect(abs(squared[12...].reduce(0, +) - 0.5) < 1e-5)     // four cells, each of squared length 1/8
    }

    @Test func refusesEmptyGrids() {
        #expect(throws: RecognitionError.self) { _ = try PyramidGrid(frames: 0, height: 1, width: 1) }
        #expect(throws: RecognitionError.self) { _ = try SpatioTemporalPyramid(grids: []) }
    }
}
