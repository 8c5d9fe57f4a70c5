import Foundation
import Support
import Testing
@testable import Runs
@testable import Studies
import TestSupport

@Suite struct ImageStudyReportTests {
    @Test func featuresStudyWritesReportTableAndPlot() throws {
        let report = try ImageStudy.run(quickSettings(.features), on: syntheticImages())
        #expect(report.results.map(\.model) == ["pixels", "trec", "trec", "cae", "cae"])
        #expect(report.results.filter { $0.model != "pixels" }.map(\.features) == [4, 8, 4, 8])
        #expect(report.results.allSatisfy { $0.patch == 8 && $0.accuracy >= 0 && $0.accuracy <= 1 })
        #expect(report.results.first?.inference == "none")
        #expect(report.results.dropFirst().allSatisfy { $0.inference == "zeroBiasReLU" && $0.seconds.train > 0 })
        #expect(report.inputs.count == 1 && report.inputs[0].trainingImages == 240 && report.inputs[0].testImages == 90)

        let folder = (try ScratchFolder("features").url)
        defer { try? FileManager.default.removeItem(at: folder) }
        try report.write(to: folder)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as? [String: Any])
        #expect(Set(json.keys) == ["settings", "results", "inputs", "load_seconds", "seconds"])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 5)
        for result in results {
            #expect(Set(["model", "features", "patch", "inference", "accuracy"]).isSubset(of: result.keys))
        }
        let settings = try #require(json["settings"] as? [String: Any])
        #expect(settings["study"] as? String == "features")
        let svg = try String(contentsOf: folder.appendingPathComponent("accuracy-vs-features.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("trec") && svg.contains("cae") && svg.contains("pixels"))
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains(report.table))
        #expect(report.table.split(separator: "\n").count == 2 + 5)
        // The page holds the same plot and a row per result.
        let page = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains(svg) && page.contains("<h1>Image study: \(report.settings.dataset.rawValue), features</h1>"))
        #expect(page.components(separatedBy: "<tr><td").count - 1 == 5 + 1, "5 results and 1 input")
    }

    @Test func patchSizeStudyRunsEveryCrop() throws {
        let report = try ImageStudy.run(quickSettings(.patchSize, models: [.tlin]), on: syntheticImages())
        #expect(report.results.map(\.patch) == [4, 4, 8, 8])
        #expect(report.results.map(\.model) == ["pixels", "tlin", "pixels", "tlin"])
        #expect(report.results.filter { $0.model == "tlin" }.allSatisfy { $0.features == 6 })
        #expect(report.inputs.map(\.pixels) == [16, 64])
        #expect(report.plot.name == "accuracy-vs-patch.svg")
        #expect(report.plot.svg.contains("tlin"))
    }

    @Test func inferenceStudyMeasuresEachScheme() throws {
        let report = try ImageStudy.run(quickSettings(.inference, models: [.cae, .kmeans]), on: syntheticImages())
        let measured = report.results.map { "\($0.model) \($0.inference)" }
        #expect(measured == ["pixels none", "cae reluWithBias", "cae zeroBiasReLU", "cae natural",
                             "kmeans zeroBiasReLU", "kmeans natural"])
        #expect(report.plot.name == "inference.svg")
        #expect(report.plot.svg.contains("cae natural"))
    }

    @Test func noWhiteningKeepsThePCAUnscaled() throws {
        var settings = quickSettings(.features, models: [.trec])
        settings.whitening = false
        settings.features = [4]
        let report = try ImageStudy.run(settings, on: syntheticImages())
        #expect(report.results.count == 2)
        #expect(report.plot.svg.contains("no whitening"))
    }

    @Test func badSettingsAreRefused() {
        var settings = quickSettings(.patchSize)
        settings.patchSizes = [9]
        #expect(throws: SettingError(setting: "patchSizes", reason: "holds 9, larger than the 8 x 8 images")) {
            try ImageStudy.run(settings, on: syntheticImages())
        }
        settings = quickSettings(.features, models: [.grbm])
        #expect { try settings.validate() } throws: { ($0 as? SettingError)?.setting == "models" }
        settings = quickSettings(.features)
        settings.classifier.costs = []
        #expect { try settings.validate() } throws: { ($0 as? SettingError)?.setting == "classifier.costs" }
        settings = quickSettings(.features)
        settings.training.momentum = 1
        #expect(throws: SettingError(setting: "training.momentum", reason: "must lie in [0, 1), got 1.0")) {
            try ImageStudy.run(settings, on: syntheticImages())
        }
    }
}
