import Datasets
import Foundation
import Learners
import Support
import Testing
@testable import Runs
import TestSupport

@Suite("video pipeline settings")
struct VideoPipelineSettingsTests {
    @Test("Pipelines/motions-demo.json loads over the defaults with the demo's values")
    func motionsDemoLoads() throws {
        let demo = try SettingsFile.load(TestPaths.pipeline("motions-demo.json"), over: VideoPipelineSettings())
        var expected = VideoPipelineSettings()
        expected.blocks.count = 40_000
        expected.blocks.components = 120
        expected.model.kind = .trec
        expected.model.features = 200
        expected.model.training.epochs = 40
        expected.descriptors.pcaDimensions = 60
        expected.descriptors.pcaSample = 4320
        expected.vocabulary.words = 256
        expected.vocabulary.sample = 50_000
        expected.vocabulary.initializations = 2
        expected.vocabulary.iterations = 25
        #expect(demo == expected)
        try demo.validate()
    }

    @Test("the learner registry builds the configuration the training settings describe")
    func registryConfiguration() throws {
        let training = LearnerSettings(epochs: 7, learningRate: 0.01, factors: 0, kmeansIterations: 4)
        let request = LearnerKind.Request(features: 12, training: training, inputDimension: 30)
        let kmeans = try #require(ModelKind.kmeans.learner.configuration(for: request) as? SphericalKMeans.Configuration)
        #expect(kmeans.features == 12 && kmeans.iterations == 4)
        let covae = try #require(ModelKind.covae.learner.configuration(for: request) as? CovarianceAutoencoder.Configuration)
        #expect(covae.factors == 12 && covae.sgd.epochs == 7 && covae.sgd.learningRate == 0.01)
    }

    @Test("the defaults are valid")
    func defaultsAreValid() throws {
        try VideoPipelineSettings().validate()
    }

    @Test("validate names the first bad setting", arguments: [
        "model.seed", "vocabulary.seed", "decoding.cropMultiple", "blocks.width", "blocks.varianceFraction",
        "model.training.epochs", "model.training.momentum", "model.training.learningRate", "descriptors.stride",
        "vocabulary.words", "classifier.c", "model.training.warmupLearningRate",
        "encoding.pyramid", "encoding.gmmComponents", "encoding.folds", "encoding.gmmVarianceFloor", "encoding.linearCosts",
    ])
    func badSettingIsNamed(_ setting: String) {
        var s = VideoPipelineSettings()
        switch setting {
        case "model.seed": s.model.seed = -1
        case "vocabulary.seed": s.vocabulary.seed = -3
        case "decoding.cropMultiple": s.decoding.cropMultiple = 0
        case "blocks.width": s.blocks.width = 1
        case "blocks.varianceFraction": (s.blocks.components, s.blocks.varianceFraction) = (0, 1.5)
        case "model.training.epochs": s.model.training.epochs = 0
        case "model.training.momentum": s.model.training.momentum = 1
        case "model.training.learningRate": s.model.training.learningRate = 0
        case "descriptors.stride": s.descriptors.stride = BlockShape(frames: 7, height: 0, width: 10)
        case "vocabulary.words": s.vocabulary.words = 0
        case "classifier.c": s.classifier.c = -1
        case "encoding.pyramid": s.encoding.pyramid = []
        case "encoding.gmmComponents": s.encoding.method = .fisher(.init(components: 0))
        case "encoding.folds": (s.encoding.method, s.encoding.linearSVMs.folds) = (.vlad(.init()), 1)
        case "encoding.gmmVarianceFloor": s.encoding.method = .fisher(.init(varianceFloor: 0))
        case "encoding.linearCosts": (s.encoding.method, s.encoding.linearSVMs.costs) = (.fisher(.init()), [1, -1])
        default: s.model.training.warmupLearningRate = 1e-300   // 0 as a 32-bit float
        }
        #expect {
            try s.validate()
        } throws: { error in
            let message = "\(error)"
            return (error as? SettingError)?.setting == setting
                && message.hasPrefix("invalid setting \"\(setting)\" ") && !message.contains("\n")
        }
    }

    @Test("settings that contradict each other are named by the setting at fault: one visual word, fewer frames than a block")
    func contradictionsNameTheSetting() {
        var oneWord = VideoPipelineSettings()
        oneWord.vocabulary.words = 1
        #expect(throws: SettingError(setting: "vocabulary.words", reason: "must be at least 2, got 1: with one word every clip has the same histogram")) {
            try oneWord.validate()
        }
        oneWord.encoding.method = .vlad(.init(words: 8))   // the bag of words' vocabulary is not used then
        #expect(throws: Never.self) { try oneWord.validate() }
        var fewFrames = VideoPipelineSettings()
        fewFrames.decoding.maxFrames = 5
        #expect(throws: SettingError(setting: "decoding.maxFrames",
                                     reason: "is 5, fewer frames than a block's 10 (blocks.frames): no block fits in a clip (0: all frames)")) {
            try fewFrames.validate()
        }
    }
}
