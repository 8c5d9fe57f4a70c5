import Foundation
import Learners
import Support
import Testing
@testable import Runs
@testable import Studies
import TestSupport

@Suite("settings of the studies")
struct StudySettingsTests {
    @Test("each pipeline keeps its own learner defaults")
    func perPipelineTrainingDefaults() {
        let video = VideoPipelineSettings().model.training
        #expect(video.epochs == 50 && video.learningRate == 0.001 && video.factors == 256 && video.kmeansIterations == 0)
        #expect(video.epochs(for: .kmeans) == 50 && video.factors(features: 600) == 256)
        let rotdots = RotatingDotsExperiment.Settings().training
        #expect(rotdots.learningRate == 0.003 && rotdots.epochs == 50)
        let images = ImageStudy.Settings(dataset: .fashionMNIST).training
        #expect(images.epochs(for: .kmeans) == 10 && images.epochs(for: .trec) == 50 && images.factors(features: 500) == 500)
    }

    @Test("rotdots and the image studies check the training keys of the learners they train, and no others")
    func trainingKeysOfTheLearnersTrained() {
        var rotdots = RotatingDotsExperiment.Settings()
        (rotdots.model, rotdots.compare, rotdots.training.batchSize, rotdots.training.theta) = (.kmeans, [], 0, -1)
        #expect(throws: Never.self) { try rotdots.validate() }
        rotdots.compare = [.cae]
        #expect(throws: SettingError(setting: "training.batchSize", reason: "must be at least 1, got 0")) { try rotdots.validate() }
        var images = ImageStudy.Settings(dataset: .fashionMNIST)
        (images.models, images.training.theta, images.training.contraction) = ([.kmeans, .cae], -1, 2)
        #expect(throws: Never.self) { try images.validate() }
        images.models.append(.tlin)
        #expect(throws: SettingError(setting: "training.theta", reason: "must not be negative, got -1.0")) { try images.validate() }
    }

    @Test("a learn run with a negative seed is refused before any work")
    func negativeSeedIsRefused() throws {
        let scratch = try ScratchFolder("pipeline").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        var settings = PipelineFixtures.smallSettings()
        settings.model.seed = -1
        let out = scratch.appendingPathComponent("model")
        #expect(throws: SettingError(setting: "model.seed", reason: "must not be negative, got -1")) {
            try LearnRun(settings: settings, data: "no/such/folder", output: out).run()
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
