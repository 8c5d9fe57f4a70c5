import Recognition
import Testing
@testable import Runs
@testable import Evaluation

@Suite("the memory estimate of evaluate's stages")
struct EvaluateMemoryEstimateTests {
    @Test("the paper's evaluate stages fit in 2 GB, the super-block covariance counted with its eigen-solver")
    func paperStagesFit() throws {
        let evaluate = MemoryEstimate.evaluate(VideoPipelineSettings(), features: 600, inputDimension: 300, trainClips: 823,
                                               testClips: 884, workers: 2)
        #expect(evaluate.steps.map(\.step) == EvaluationStage.allCases.map(\.rawValue))
        for step in evaluate.steps { #expect(step.bytes < 2e9, "\(step)") }
        // The super-block covariance of 8 x 600 = 4,800 values, with the eigen-solver's workspace.
        #expect(try #require(evaluate.step(.prepare)).bytes > 4800.0 * 4800 * 24)
    }

    /// The paper's settings with Fisher vectors over a three-grid pyramid (7 cells).
    static func fisherPyramid() -> VideoPipelineSettings {
        var settings = VideoPipelineSettings()
        settings.encoding.select(.fisher)
        settings.encoding.pyramid = [.whole, .quarters, .halves]
        return settings
    }

    @Test("Fisher vectors of Hollywood2's 1,707 clips fit in 2 GB: liblinear trains on the clips' span, not 89,600 values a clip")
    func fisherAtHollywood2Scale() {
        let settings = Self.fisherPyramid()
        let finish = MemoryEstimate.evaluateFinish(settings, trainClips: 823, testClips: 884, workers: 2)
        let values = 7.0 * Double(settings.descriptors.pcaDimensions) * 2 * Double(EncodingSettings.Fisher().components)
        let encodings = 1707 * values * 4
        #expect(finish.bytes > encodings)             // every clip's encoding is held
        #expect(finish.bytes < encodings + 200e6)     // liblinear's copies are 823 x 823, not 823 x 89,600 (2.4 GB)
        #expect(finish.bytes < 2e9)
    }

    @Test("with fewer values than clips liblinear copies the encodings themselves")
    func fewValuesManyClips() {
        var settings = VideoPipelineSettings()
        settings.encoding.method = .vlad(.init(words: 1))
        settings.descriptors.pcaDimensions = 10
        settings.vocabulary.words = 1
        let finish = MemoryEstimate.evaluateFinish(settings, trainClips: 100_000, testClips: 0, workers: 1)
        // 10-value encodings: 100,000 x 10 held (4 bytes) and copied (16 bytes), far below a 100,000^2 Gram matrix.
        #expect(finish.bytes < MemoryEstimate.processBase + 100_000 * 10 * 20 + 50e6)
    }
}
