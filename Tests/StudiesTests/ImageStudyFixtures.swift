import Datasets
import Foundation
import Learners
import Linalg
@testable import Runs
@testable import Studies

/// Small gray images of three classes (a bright bar in a class-specific place, plus noise), split
/// into training and test parts: enough for a study to run end to end in well under a second.
func syntheticImages(training: Int = 240, test: Int = 90, size: Int = 8, seed: UInt64 = 3) -> TrainTestSplit {
    var random = SeededRandom(seed: seed)
    func images(_ count: Int) -> LabelledImages {
        var pixels = Matrix(rows: count, cols: size * size)
        var labels: [Int] = []
        for n in 0..<count {
            let label = n % 3
            labels.append(label)
            for y in 0..<size {
                for x in 0..<size {
                    let onBar = label == 0 ? y == size / 2 : label == 1 ? x == size / 2 : x == y
                    pixels[n, y * size + x] = (onBar ? 200 : 60) + 40 * random.normal()
                }
            }
        }
        return LabelledImages(images: pixels, labels: labels, channels: 1, height: size, width: size)
    }
    return TrainTestSplit(training: images(training), test: images(test))
}

/// Settings for a fast study on `syntheticImages`: tiny models, a short schedule, few costs.
func quickSettings(_ study: ImageStudy.Study, models: [ModelKind] = [.trec, .cae]) -> ImageStudy.Settings {
    var settings = ImageStudy.Settings(dataset: .fashionMNIST)
    settings.study = study
    settings.models = models
    settings.features = [4, 8]
    settings.fixedFeatures = 6
    settings.patchSizes = [4, 8]
    settings.training.epochs = 2
    settings.training.warmupEpochs = 1
    settings.training.batchSize = 20
    settings.training.kmeansIterations = 2
    settings.classifier.costs = [0.1, 1]
    settings.classifier.crossValidationImages = 120
    return settings
}

