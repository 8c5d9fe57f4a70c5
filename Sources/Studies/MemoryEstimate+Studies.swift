import Foundation
import Runs

extension MemoryEstimate {
    /// The memory of `rotdots`: the generated videos, their whitened copy, the learner's copy of its
    /// rows and the held-out features, and each model's parameters.
    public static func rotatingDots(_ settings: RotatingDotsExperiment.Settings) -> MemoryEstimate {
        let n = Double(settings.videos), d = Double(settings.frames * settings.size * settings.size)
        let whitened = settings.pcaComponents > 0 ? min(Double(settings.pcaComponents), d) : d
        let features = Double(settings.features)
        return MemoryEstimate(steps: [
            Step(step: "videos", bytes: processBase + 4 * n * (d + 2 * whitened + features) + 16 * whitened * features,
                  detail: "\(settings.videos) videos of \(Int(d)) values, whitened, encoded with \(settings.features) features"),
        ])
    }

    /// The memory of an image study on `images` images (training and test) of `pixels` values each:
    /// the images, their whitened codes, the largest learner's parameters and everyone's features.
    public static func imageStudy(_ settings: ImageStudy.Settings, images: Int, pixels: Int) -> MemoryEstimate {
        let n = Double(images), d = Double(pixels)
        let counts = settings.study == .features ? settings.features : [settings.fixedFeatures]
        let features = Double(counts.max() ?? settings.fixedFeatures)
        return MemoryEstimate(steps: [
            Step(step: "learners", bytes: processBase + 4 * n * (3 * d + 2 * features) + 16 * d * features,
                  detail: "\(images) images of \(pixels) values encoded with \(Int(features)) features"),
        ])
    }
}
