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

    /// Descriptor files shaped like a Hollywood2 run's unreduced super-block descriptors: 823
    /// training and 884 test clips of `rows` rows of `width` values.
    static func files(rows: Int = 16_368, width: Int = 4800, valueBytes: Int = 4, positions: Bool = true,
                      trainClips: Int = 823) -> OwnDescriptorShapes {
        OwnDescriptorShapes(width: width, valueBytes: valueBytes, trainRows: Array(repeating: rows, count: trainClips),
                            testRows: Array(repeating: rows, count: 884), positions: positions)
    }

    @Test("evaluate --descriptors: each worker holds its largest file as it is read (three copies), prepare the PCA's covariance of the files' width")
    func ownDescriptorFilesRead() throws {
        let settings = VideoPipelineSettings(), file = 16_368.0 * 4800 * 4
        let one = MemoryEstimate.evaluate(settings, files: Self.files(), reduce: true, workers: 1)
        let two = MemoryEstimate.evaluate(settings, files: Self.files(), reduce: true, workers: 2)
        #expect(one.steps.map(\.step) == EvaluationStage.allCases.map(\.rawValue))
        for stage in [EvaluationStage.prepare, .descriptors] {
            let added = try #require(two.step(stage)).bytes - #require(one.step(stage)).bytes
            #expect(added >= 3 * file, "\(stage): a second worker adds \(added) bytes")
        }
        let prepare = try #require(one.step(.prepare))
        #expect(prepare.bytes > 4800.0 * 4800 * 24 + 3 * file && prepare.detail == "the covariance of 4800-value descriptors")
        // Used as they are: no covariance; stored as float64: read at twice the bytes, narrowed to floats.
        let asTheyAre = try #require(MemoryEstimate.evaluate(settings, files: Self.files(), reduce: false, workers: 1).step(.prepare))
        #expect(asTheyAre.bytes < prepare.bytes - 4800.0 * 4800 * 24)
        #expect(asTheyAre.detail == "1 clip's files of up to 16368 rows of 4800 values read at a time")
        let doubles = try #require(MemoryEstimate.evaluate(settings, files: Self.files(valueBytes: 8), reduce: false, workers: 1).step(.prepare))
        #expect(doubles.bytes - asTheyAre.bytes >= 3 * file + file)
    }

    @Test("evaluate --descriptors: the descriptor stage decodes each clip only when the files have positions")
    func ownDescriptorPositions() throws {
        let settings = VideoPipelineSettings()
        let placed = try #require(MemoryEstimate.evaluate(settings, files: Self.files(), reduce: true, workers: 2).step(.descriptors))
        let unplaced = try #require(MemoryEstimate.evaluate(settings, files: Self.files(positions: false), reduce: true, workers: 2).step(.descriptors))
        #expect(placed.bytes - unplaced.bytes >= 2 * MemoryEstimate.ClipSize.hollywood2.volumeBytes(settings.decoding))
        #expect(placed.detail == "2 clips' files of up to 16368 rows of 4800 values described at a time")
    }

    @Test("evaluate --descriptors: finish fits the vocabulary on what the training clips' rows let it sample, at the width the descriptors keep")
    func ownDescriptorFinish() throws {
        let settings = VideoPipelineSettings()
        // Quotas of 365 rows (300,000 over 823 clips, rounded up, as finish draws them): every clip gives its quota.
        let full = try #require(MemoryEstimate.evaluate(settings, files: Self.files(), reduce: true, workers: 2).step(.finish))
        #expect(full.detail == "K-means of 3000 words on 300395 descriptors")
        // 50 clips of 10 rows: 500 descriptors, so at most 500 words.
        let few = try #require(MemoryEstimate.evaluate(settings, files: Self.files(rows: 10, trainClips: 50), reduce: true, workers: 2).step(.finish))
        #expect(few.detail == "K-means of 500 words on 500 descriptors")
        // Used as they are, the 4,800-value rows are what K-means holds: the sample twice, over 11 GB.
        let wide = try #require(MemoryEstimate.evaluate(settings, files: Self.files(), reduce: false, workers: 2).step(.finish))
        #expect(wide.bytes > 2 * 300_395 * 4801 * 4 && wide.detail == "K-means of 3000 words on 300395 descriptors")
    }
}
