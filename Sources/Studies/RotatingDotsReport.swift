import Foundation
import Linalg
import Runs
import Support

/// What a random-dots run measured: how well a linear classifier reads each video's angle (binned)
/// and direction of motion off each model's features, against chance. Written as `report.json`.
public struct RotatingDotsReport: Codable, Sendable, Equatable {
    /// Test accuracies (or chance rates) of the two tasks.
    public struct Accuracy: Codable, Sendable, Equatable {
        /// Binned angle.
        public var angle: Double
        /// Sign of the angle.
        public var direction: Double

        /// Both values.
        public init(angle: Double, direction: Double) {
            self.angle = angle
            self.direction = direction
        }
    }

    /// Test accuracy of each model trained, by model name (`trec`, `cae`, ...).
    public var accuracy: [String: Accuracy]
    /// The majority-class rate of each task's test labels: what a constant guess scores.
    public var chance: Accuracy
    /// The median roughness of the frames of each model's drawn filters, by model name
    /// (`FilterRoughness`: about 2 for white noise, under 0.6 for smooth filters).
    public var roughness: [String: Double]
    /// Dimensions the whitening kept.
    public var whitenedDimension: Int
    /// The settings used.
    public var settings: RotatingDotsExperiment.Settings
    /// Wall-clock seconds of the whole run.
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case accuracy, chance, roughness, whitenedDimension = "whitened_dimension", settings, seconds
    }

    /// A table a person reads: one line per model, then chance.
    public var summary: String {
        let models = [settings.model.rawValue] + settings.compare.map(\.rawValue)
        func line(_ name: String, _ a: Accuracy) -> String {
            name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "%10.3f %10.3f", a.angle, a.direction)
        }
        var lines = ["model   " + "     angle" + "  direction" + "  roughness"]
        lines += models.compactMap { name in
            accuracy[name].map { line(name, $0) + (roughness[name].map { String(format: " %10.3f", $0) } ?? "") }
        }
        lines.append(line("chance", chance))
        lines.append("(\(settings.angleBins) angle bins, \(settings.splitSizes.test) test videos, \(whitenedDimension) whitened dimensions)")
        lines.append(String(format: "took %.1f s", seconds))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `report.json` into `folder`, atomically.
    public func write(to folder: URL) throws {
        try AtomicFile.write(SettingsFile.encode(self), to: folder.appendingPathComponent("report.json"))
    }
}
