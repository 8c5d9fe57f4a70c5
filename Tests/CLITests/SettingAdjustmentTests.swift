import Foundation
import Testing
import TestSupport

@Suite("reports record what ran when a setting cannot be used as given", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct SettingAdjustmentTests {
    @Test("--words 10^9 on a tiny dataset: report.json keeps the request and records the words used; report.md says so")
    func wordsBeyondTheSample() throws {
        let tiny = try TinyRecognition.shared.get()
        let out = tiny.folder.path("report-billion-words")
        let result = try zae(["evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path,
                              "--out", out.path, "--pipeline", tiny.pipeline.path, "--words", "1000000000"])
        try #require(result.status == 0, "\(result.stderr)")

        struct Report: Decodable {
            struct Vocabulary: Decodable { var words: Int; var sample: Int }
            struct Settings: Decodable { var vocabulary: Vocabulary }
            struct Adjustment: Decodable, Equatable { var setting: String; var requested: Int; var used: Int; var reason: String }
            struct Encoding: Decodable { var words: Int?; var adjusted_settings: [Adjustment] }
            var settings: Settings
            var encoding: Encoding
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: out.appendingPathComponent("report.json")))
        #expect(report.settings.vocabulary.words == 1_000_000_000)
        // The vocabulary holds one word per descriptor sampled: the tiny dataset gives far fewer than 10^9.
        let used = try #require(report.encoding.words)
        let vocabulary = try #require(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("cache").path)
            .first { $0.hasPrefix("vocabulary-") && $0.hasSuffix(".npy") })
        let header = try String(decoding: Data(contentsOf: out.appendingPathComponent("cache/\(vocabulary)")).prefix(128), as: UTF8.self)
        #expect(header.contains("'shape': (\(used), 12)"), "\(header)")
        // 16 training clips of 12 frames of 32x32 after halving hold 3 x 4 x 4 super-blocks of 6x12x12 at strides 3x6x6
        // each, fewer than the sample's quota per clip (3000 / 16): every one is sampled.
        #expect(used == 16 * 3 * 4 * 4)
        #expect(report.encoding.adjusted_settings == [.init(setting: "vocabulary.words", requested: 1_000_000_000, used: used,
                                                            reason: "the training descriptors sampled number only \(used)")])
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Note: vocabulary.words asked for 1000000000, the run used \(used): the training descriptors sampled number only \(used)."),
                "\(markdown)")
        #expect(markdown.contains("values per clip, \(used) words)"))

        // The same dataset with the words the run could use records no adjustment.
        let plain = tiny.folder.path("report-plain-words")
        let ran = try tiny.evaluate(out: plain)
        try #require(ran.status == 0, "\(ran.stderr)")
        let plainReport = try JSONDecoder().decode(Report.self, from: Data(contentsOf: plain.appendingPathComponent("report.json")))
        #expect(plainReport.encoding.adjusted_settings.isEmpty && plainReport.encoding.words == 16)
    }
}
