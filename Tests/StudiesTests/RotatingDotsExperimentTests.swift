import Foundation
import Linalg
import Testing
import TestSupport
import Video
@testable import Runs
@testable import Studies

/// A run small enough for a debug build: 4,000 videos of 6 frames of 12 x 12, 60 whitened
/// dimensions, 64 features, 30 epochs. Over seeds 1 to 8 (release build) the ZAE beat chance by
/// 0.09 to 0.14 on the angle and 0.06 to 0.15 on the direction; the margins below are about
/// three standard errors of an 800-video test set.
private func smallSettings() -> RotatingDotsExperiment.Settings {
    var settings = RotatingDotsExperiment.Settings()
    settings.videos = 4000
    settings.frames = 6
    settings.size = 12
    settings.pcaComponents = 60
    settings.features = 64
    settings.training.epochs = 30
    settings.compare = []
    settings.filtersShown = 16
    return settings
}

@Suite(.tags(.slow), .timeLimit(.minutes(10))) struct RotatingDotsExperimentTests {
    @Test func smallRunBeatsChanceAndWritesDecodablePictures() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zae-rotdots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = smallSettings()
        let report = try RotatingDotsExperiment.run(settings, output: folder)

        let trec = try #require(report.accuracy["trec"])
        #expect(trec.angle > report.chance.angle + 0.05)
        #expect(trec.direction > report.chance.direction + 0.04)
        #expect(report.whitenedDimension == 60)

        // 16 strips of 6 frames (12 px, 1 px gaps) in 4 columns (4 px gaps), enlarged twice.
        let still = try decodeAll(folder.appendingPathComponent("filters.png").path)
        #expect(still.count == 1)
        #expect(still.first?.width == 2 * (4 * (6 * 12 + 5) + 3 * 4) && still.first?.height == 2 * (4 * 12 + 3 * 4))
        // An 8 x 2 grid of 12 px tiles (2 px gaps), one picture per frame.
        let animation = try decodeAll(folder.appendingPathComponent("filters.gif").path)
        #expect(animation.count == 6)
        #expect(animation.allSatisfy { $0.width == 2 * (8 * 12 + 7 * 2) && $0.height == 2 * (2 * 12 + 2) })

        // The array behind the pictures, strongest filter first, and its roughness in the report.
        let array = try NPYArray(contentsOf: folder.appendingPathComponent("filters.npy"))
        #expect(array.shape == [16, 6, 12, 12])
        let roughness = try #require(report.roughness["trec"])
        #expect(roughness > 0 && roughness < 2.5)

        // The model's page draws the same run: its filters, the whitening cut, one point per epoch.
        let page = try String(contentsOf: folder.appendingPathComponent("model.html"), encoding: .utf8)
        #expect(page.contains("<h1>rotdots: trec model, 64 features</h1>") && page.contains("cut: 60 kept"))
        #expect(page.contains("data:image/png;base64,") && page.contains("data:image/gif;base64,"))
        let costChart = page.components(separatedBy: "Training cost per epoch").last?.components(separatedBy: "</svg>").first ?? ""
        #expect(costChart.components(separatedBy: "<circle").count - 1 == 30)

        let reportData = try Data(contentsOf: folder.appendingPathComponent("report.json"))
        let json = try JSONSerialization.jsonObject(with: reportData) as? [String: Any]
        let keys = Set((json ?? [:]).keys)
        #expect(keys.isSuperset(of: ["accuracy", "chance", "roughness", "settings", "seconds"]))
        // Read exactly with JSONDecoder: Linux Foundation's JSONSerialization can be one ulp off
        // (it reads 0.2808084969635376 as 0.28080849696353755).
        struct Roughness: Decodable { var roughness: [String: Double] }
        #expect(try JSONDecoder().decode(Roughness.self, from: reportData).roughness["trec"] == roughness)
        let accuracy = json?["accuracy"] as? [String: [String: Double]]
        #expect(accuracy?["trec"]?["angle"] == trec.angle && accuracy?["trec"]?["direction"] == trec.direction)
    }

    @Test func angleBinsCoverTheCircleEvenly() {
        #expect(RotatingDotsExperiment.angleBin(-179.9, bins: 8) == 0)
        #expect(RotatingDotsExperiment.angleBin(-0.1, bins: 8) == 3)
        #expect(RotatingDotsExperiment.angleBin(0, bins: 8) == 4)
        #expect(RotatingDotsExperiment.angleBin(180, bins: 8) == 7)
        #expect(RotatingDotsExperiment.majorityRate([1, 2, 2, 3]) == 0.5)
    }

    private func decodeAll(_ path: String) throws -> [GrayFrame] {
        let decoder = try VideoDecoder(path: path)
        var frames: [GrayFrame] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        return frames
    }
}
