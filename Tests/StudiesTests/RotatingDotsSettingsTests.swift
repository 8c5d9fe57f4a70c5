import Foundation
import Learners
import Support
import Testing
@testable import Runs
@testable import Studies

@Suite struct RotatingDotsSettingsTests {
    /// `Pipelines/rotdots.json`, found from this file's path.
    static let pipelineFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Pipelines/rotdots.json")

    @Test func pipelineFileHoldsExactlyTheDefaults() throws {
        #expect(try SettingsFile.load(Self.pipelineFile, over: RotatingDotsExperiment.Settings()) == RotatingDotsExperiment.Settings())
        // Every setting is spelled out in the file, so it documents the whole run.
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.pipelineFile)) as? [String: Any] ?? [:]
        let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RotatingDotsExperiment.Settings())) as? [String: Any] ?? [:]
        #expect(Set(file.keys.filter { !$0.hasPrefix("_") }) == Set(defaults.keys))
    }

    @Test func defaultsAreValid() throws {
        try RotatingDotsExperiment.Settings().validate()
    }

    /// The defaults with the one setting `name` made nonsense.
    static func broken(_ name: String) -> RotatingDotsExperiment.Settings {
        var s = RotatingDotsExperiment.Settings()
        switch name {
        case "frames": s.frames = 0
        case "canvas": s.canvasSize = 8
        case "features": s.features = 4 * 2560 + 1
        case "no features": s.features = 0
        case "videos": s.videos = 50
        case "model": s.model = .grbm
        case "compare": s.compare = [.trec]
        case "batch": s.training.batchSize = 0
        default: s.angleBins = 1
        }
        return s
    }

    @Test(arguments: [
        ("frames", "\"frames\" must be at least 1, got 0"), ("canvas", "\"canvasSize\" must be at least the 16-pixel frame size, got 8"),
        ("features", "\"features\" must lie in 1...10240"), ("no features", "\"features\" must lie"),
        ("videos", "\"videos\" 50 split"), ("model", "grbm is not supported"), ("compare", "is the model itself"),
        ("batch", "\"training.batchSize\" must be at least 1"),
        ("bins", "angleBins"),
    ])
    func nonsenseSettingsAreRefusedWithAReason(_ name: String, _ reason: String) {
        #expect {
            try Self.broken(name).validate()
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func anOutputThatCannotBeAFolderIsRefusedBeforeWork() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zae-rotdots-file-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        for folder in [file, file.appendingPathComponent("sub")] {
            #expect(throws: StudyError.self) {
                try RotatingDotsExperiment.prepare(RotatingDotsExperiment.Settings(), output: folder)
            }
        }
    }

    @Test func anUnknownKeyInAPipelineFileIsAnError() {
        #expect(throws: SettingError(file: "x.json", setting: "vidoes", reason: "is not a setting (unknown key)")) {
            try SettingsFile.decode(Data(#"{"vidoes": 10}"#.utf8), over: RotatingDotsExperiment.Settings(), path: "x.json")
        }
    }
}
