import Datasets
import Learners
import Linalg
import Testing
import Video
@testable import Recognition

/// A zero-bias ReLU encoder over fixed weights (`D x K`): `max(0, x W)`.
struct ReLUEncoder: FeatureEncoder {
    let weights: Matrix
    var inputDimension: Int { weights.rows }
    var featureCount: Int { weights.cols }
    func encode(_ inputs: Matrix) -> Matrix {
        var out = Matrix.product(inputs, .none, weights, .none)
        for i in 0..<out.storage.count { out.storage[i] = max(0, out.storage[i]) }
        return out
    }
}

@Suite struct DescriptorExtractorTests {
    let grid = try! SuperBlockGrid(superBlock: BlockShape(frames: 4, height: 6, width: 6), stride: BlockShape(frames: 2, height: 3, width: 3),
                                   subBlock: BlockShape(frames: 2, height: 4, width: 4), subBlockStride: BlockShape(frames: 2, height: 2, width: 2))

    func parts(removeDC: Bool) -> (PatchWhitening, ReLUEncoder, FrameVolume) {
        var random = SeededRandom(seed: 7)
        let pca = PCA(mean: (0..<32).map { _ in random.normal() }, components: random.normalMatrix(rows: 32, cols: 5),
                      variances: [4, 3, 2, 1, 0.5], whiten: true, regularization: 0.1)
        let encoder = ReLUEncoder(weights: random.normalMatrix(rows: 5, cols: 3))
        let volume = FrameVolume(frameCount: 8, height: 12, width: 15, voxels: (0..<(8 * 12 * 15)).map { _ in 255 * random.uniform() })
        let whitening = try! PatchWhitening(shape: BlockShape(frames: 2, height: 4, width: 4), preprocessing: BlockPreprocessing(removeDC: removeDC),
                                            pca: pca, perFrame: false)
        return (whitening, encoder, volume)
    }

    /// One super-block's descriptor computed voxel by voxel in double precision.
    func reference(_ volume: FrameVolume, origin: BlockPosition, preprocessing: PatchWhitening, encoder: ReLUEncoder) -> [Double] {
        let pca = preprocessing.pca
        var out: [Double] = []
        for offset in grid.subBlockOffsets {
            var block: [Double] = []
            for dt in 0..<2 { for dy in 0..<4 { for dx in 0..<4 {
                block.append(Double(volume[origin.t + offset.t + dt, origin.y + offset.y + dy, origin.x + offset.x + dx]))
            } } }
            let dc = preprocessing.preprocessing.removeDC ? block.reduce(0, +) / Double(block.count) : 0
            let centred = block.indices.map { block[$0] - dc - Double(pca.mean[$0]) }
            let white = (0..<5).map { k in
                centred.indices.reduce(0.0) { $0 + centred[$1] * Double(pca.components[$1, k]) } / (Double(pca.variances[k]) + 0.1).squareRoot()
            }
            for j in 0..<3 { out.append(max(0, (0..<5).reduce(0.0) { $0 + white[$1] * Double(encoder.weights[$1, j]) })) }
        }
        return out
    }

    @Test(arguments: [true, false])
    func matchesPerSubBlockReference(removeDC: Bool) throws {
        let (preprocessing, encoder, volume) = parts(removeDC: removeDC)
        // A batch of 5 super-blocks leaves a partial last batch.
        let extractor = try DescriptorExtractor(grid: grid, preprocessing: preprocessing, encoder: encoder, batchSize: 5)
        let result = try extractor.extract(from: volume)
        let origins = grid.superBlockOrigins(frameCount: 8, height: 12, width: 15)
        #expect(origins.count == 3 * 3 * 4)
        #expect(result.descriptors.rows == origins.count && result.descriptors.cols == 8 * 3)
        for (r, origin) in origins.enumerated() {
            let expected = reference(volume, origin: origin, preprocessing: preprocessing, encoder: encoder)
            let scale = max(1, expected.map(abs).max()!)
            for (c, value) in expected.enumerated() { #expect(abs(Double(result.descriptors[r, c]) - value) < 1e-4 * scale) }
            let norm = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(Double(result.magnitudes[r]) - norm) < 1e-4 * max(1, norm))
        }
    }

    @Test func refusesSmallClipsAndMismatchedParts() throws {
        let (preprocessing, encoder, _) = parts(removeDC: true)
        let extractor = try DescriptorExtractor(grid: grid, preprocessing: preprocessing, encoder: encoder)
        #expect(throws: RecognitionError.clipTooSmall(frameCount: 3, height: 12, width: 15, needs: grid.superBlock)) {
            try extractor.extract(from: FrameVolume(frameCount: 3, height: 12, width: 15))
        }
        #expect(throws: RecognitionError.self) {
            try DescriptorExtractor(preprocessing: preprocessing, encoder: encoder)
        }
    }

    @Test func superBlockPCAWhitensToTheRequestedSize() throws {
        var random = SeededRandom(seed: 3)
        let data = Matrix.product(random.normalMatrix(rows: 400, cols: 12), .none, random.normalMatrix(rows: 12, cols: 12), .none)
        let pca = try DescriptorReduction.fit(data, dimensions: 4, sampleLimit: 400, seed: 1)
        #expect(pca.inputDimension == 12 && pca.outputDimension == 4 && pca.whiten)
        // Fit on all 400 rows, so the codes of those rows have exactly unit, uncorrelated variances.
        let codes = pca.transform(data)
        let means = codes.columnMeans()
        for i in 0..<4 {
            for j in 0..<4 {
                let covariance = (0..<400).reduce(Float(0)) { $0 + (codes[$1, i] - means[i]) * (codes[$1, j] - means[j]) } / 400
                #expect(abs(covariance - (i == j ? 1 : 0)) < 1e-3, "covariance[\(i), \(j)] = \(covariance)")
            }
        }
        #expect(throws: RecognitionError.self) { try DescriptorReduction.fit(data, dimensions: 13) }
    }

    @Test("reducing batch by batch equals reducing the full-width descriptors afterwards")
    func batchedReductionMatchesFullWidth() throws {
        let (preprocessing, encoder, volume) = parts(removeDC: true)
        let extractor = try DescriptorExtractor(grid: grid, preprocessing: preprocessing, encoder: encoder, batchSize: 3)
        let origins = try extractor.origins(in: volume)
        let full = extractor.extract(from: volume, origins: origins)
        let pca = try DescriptorReduction.fit(full.descriptors, dimensions: 5, seed: 2)
        let reduced = extractor.extract(from: volume, origins: origins, reducedBy: pca)
        let expected = pca.transform(full.descriptors)
        #expect(reduced.magnitudes == full.magnitudes)
        #expect(reduced.descriptors.rows == expected.rows && reduced.descriptors.cols == 5)
        for i in 0..<expected.storage.count { #expect(abs(reduced.descriptors.storage[i] - expected.storage[i]) < 1e-3) }
    }
}
