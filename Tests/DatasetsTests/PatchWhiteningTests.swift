import Linalg
import Testing
@testable import Datasets

@Suite("Patch whitening")
struct PatchWhiteningTests {
    let shape = BlockShape(frames: 2, height: 3, width: 3)

    func rawBlocks(_ n: Int, seed: UInt64) -> Matrix {
        var rng = SeededRandom(seed: seed)
        var m = rng.normalMatrix(rows: n, cols: shape.dimension, scale: 20)
        m.addToRows([Float](repeating: 100, count: shape.dimension))
        return m
    }

    @Test("whole-block whitening equals preprocessing followed by the PCA's own transform; training rows come out white")
    func blockMode() throws {
        let blocks = rawBlocks(3000, seed: 1)
        let (whitening, whitened) = try PatchWhitening.fitAndWhiten(blocks, shape: shape, preprocessing: BlockPreprocessing(removeDC: true),
                                                                    perFrame: false, keep: .count(10), regularization: 0)
        var reference = blocks
        BlockPreprocessing(removeDC: true).apply(to: &reference)
        let expected = whitening.pca.transform(reference)
        let got = whitening.apply(blocks)
        #expect(got.rows == 3000 && got.cols == 10)
        #expect(whitened == got)
        for i in 0..<got.storage.count { #expect(abs(got.storage[i] - expected.storage[i]) < 1e-3) }
        let variances = (0..<10).map { c in got.column(c).reduce(0) { $0 + $1 * $1 } / 3000 }
        for v in variances { #expect(abs(v - 1) < 0.01) }
    }

    @Test("per-frame whitening transforms each frame with the frame PCA and concatenates")
    func perFrameMode() throws {
        let blocks = rawBlocks(2000, seed: 2)
        let (whitening, whitened) = try PatchWhitening.fitAndWhiten(blocks, shape: shape, preprocessing: BlockPreprocessing(removeDC: false),
                                                                    perFrame: true, keep: .count(4), regularization: 0.1)
        #expect(whitening.pca.inputDimension == 9 && whitening.outputDimension == 8)
        let got = whitening.apply(blocks.rows(0..<5))
        let firstRows = whitened.rows(0..<5)
        for i in 0..<got.storage.count { #expect(abs(firstRows.storage[i] - got.storage[i]) < 1e-5) }
        for r in 0..<5 {
            let row = blocks.row(r)
            for t in 0..<2 {
                let frame = whitening.pca.transform(Matrix(rows: 1, cols: 9, storage: Array(row[(t * 9)..<(t * 9 + 9)])))
                for j in 0..<4 { #expect(abs(got[r, t * 4 + j] - frame[0, j]) < 1e-4) }
            }
        }
    }

    @Test("a PCA that does not fit the block is refused")
    func refusesMismatchedPCA() throws {
        let (whitening, _) = try PatchWhitening.fitAndWhiten(rawBlocks(500, seed: 3), shape: shape,
                                                             preprocessing: BlockPreprocessing(removeDC: true, contrastNormalize: true),
                                                             perFrame: false, keep: .count(5), regularization: 0.1)
        #expect(throws: LinalgError.self) {
            try PatchWhitening(shape: BlockShape(frames: 3, height: 3, width: 3), preprocessing: .init(), pca: whitening.pca, perFrame: false)
        }
    }
}
