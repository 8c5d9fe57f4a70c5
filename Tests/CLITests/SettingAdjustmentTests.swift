import Foundation
import Testing
import TestSupport

@Suite("reports record what ran when a setting cannot be used as given", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct SettingAdjustmentTests {
    struct Adjustment: Decodable, Equatable { var setting: String; var requested: Int; var used: Int; var reason: String }

    /// The top-level `adjusted_settings` of a plan.json or report.json.
    static func recorded(_ file: URL) throws -> [Adjustment] {
        struct Recorded: Decodable { var adjusted_settings: [Adjustment] }
        return try JSONDecoder().decode(Recorded.self, from: Data(contentsOf: file)).adjusted_settings
    }

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

    @Test("descriptors.pcaSample beyond the super-blocks of the training clips: plan.json, report.json and report.md record the rows used, also from the cached PCA")
    func pcaSampleBeyondTheClips() throws {
        let tiny = try TinyRecognition.shared.get()
        let out = tiny.folder.path("report-pca-sample")
        let result = try tiny.evaluate(out: out)
        try #require(result.status == 0, "\(result.stderr)")
        // The tiny settings ask for 2,000 descriptors; 16 training clips hold 3 x 4 x 4 super-blocks each (see above).
        let used = 16 * 3 * 4 * 4
        let expected = [Adjustment(setting: "descriptors.pcaSample", requested: 2000, used: used, reason: "the training clips gave only \(used) super-blocks")]
        #expect(try Self.recorded(out.appendingPathComponent("plan.json")) == expected)
        #expect(try Self.recorded(out.appendingPathComponent("report.json")) == expected)
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("Note: descriptors.pcaSample asked for 2000, the run used \(used): the training clips gave only \(used) super-blocks."),
                "\(markdown)")

        // Prepared again, the PCA comes from the cache and so does the number of rows it was fit on.
        let common = ["evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path, "--stage", "prepare"]
        let again = try zae(common + ["--out", out.path, "--pipeline", tiny.pipeline.path])
        try #require(again.status == 0, "\(again.stderr)")
        #expect((again.stdout + again.stderr).contains("super-block PCA: cached"))
        #expect(try Self.recorded(out.appendingPathComponent("plan.json")) == expected)

        // A sample the clips can give is recorded as no adjustment.
        let fits = try tiny.pipeline(setting: "descriptors", "pcaSample", to: 500, file: tiny.folder.path("pca-sample-500.json"))
        let smaller = tiny.folder.path("report-pca-sample-500")
        let prepared = try zae(common + ["--out", smaller.path, "--pipeline", fits.path])
        try #require(prepared.status == 0, "\(prepared.stderr)")
        #expect(try Self.recorded(smaller.appendingPathComponent("plan.json")) == [])
    }
}
