import Linalg
import Testing
@testable import Datasets

@Suite struct ImagePreprocessingTests {
    @Test func rowsGetZeroMeanAndCoatesScale() {
        let images = Matrix(rowArrays: [[0, 10, 20, 30], [5, 5, 5, 5]])
        let normalized = ImagePreprocessing.contrastNormalized(images, epsilon: 10)
        // Row 0: mean 15, sample variance (225 + 25 + 25 + 225) / 3 = 500 / 3.
        let scale = 1 / (500.0 / 3 + 10).squareRoot()
        for (i, v) in [-15.0, -5, 5, 15].enumerated() {
            #expect(abs(Double(normalized[0, i]) - v * scale) < 1e-5)
        }
        #expect(normalized.row(1) == [0, 0, 0, 0])
    }
}
