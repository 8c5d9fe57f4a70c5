import Datasets
import Foundation
import Support
import Testing
@testable import Runs
@testable import Studies
import TestSupport

@Suite struct ImageStudyDataTests {
    @Test func missingFashionMNISTSaysHowToInstallIt() {
        var settings = ImageStudy.Settings(dataset: .fashionMNIST)
        settings.root = "/nonexistent/fashion-mnist"
        do {
            _ = try ImageStudy.run(settings)
            Issue.record("a missing root must fail")
        } catch {
            let message = "\(error)"
            #expect(message.contains("/nonexistent/fashion-mnist"))
            #expect(message.contains("apt-get install dataset-fashion-mnist"))
        }
    }

    @Test func cifarWithoutRootSaysWhereToGetIt() {
        for root in ["", "/nonexistent/cifar"] {
            var settings = ImageStudy.Settings(dataset: .cifar10)
            settings.root = root
            do {
                _ = try ImageStudy.run(settings)
                Issue.record("CIFAR-10 without data must fail")
            } catch {
                let message = "\(error)"
                #expect(message.contains("https://www.cs.toronto.edu/~kriz/cifar.html"))
                #expect(message.contains("binary"))
                #expect(message.contains("--root"))
                if !root.isEmpty { #expect(message.contains(root)) }
            }
        }
    }

    @Test func cifarFolderWithoutBatchesNamesTheFile() throws {
        let folder = (try ScratchFolder("cifar").url)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var settings = ImageStudy.Settings(dataset: .cifar10)
        settings.root = folder.path
        #expect { try ImageStudy.run(settings) } throws: { "\($0)".contains(folder.appendingPathComponent("data_batch_1.bin").path) }
    }

    @Test func pipelineFilesHoldTheDefaults() throws {
        let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Pipelines")
        for dataset in ImageDataset.allCases {
            let url = pipelines.appendingPathComponent("\(dataset.rawValue).json")
            let defaults = ImageStudy.Settings(dataset: dataset)
            #expect(try SettingsFile.load(url, over: defaults) == defaults)
            // Every setting is spelled out (comments, keys starting with "_", aside).
            var file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            for key in file.keys where key.hasPrefix("_") { file[key] = nil }
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults))
            func canonical(_ object: Any) throws -> String {
                String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            }
            #expect(try canonical(file) == canonical(encoded), "\(url.lastPathComponent) does not spell out every setting")
        }
    }

    @Test func unknownSettingIsRefused() {
        let json = Data(#"{"training": {"epochs": 5, "epoch": 3}}"#.utf8)
        #expect(throws: SettingError(file: "test.json", setting: "training.epoch", reason: "is not a setting (unknown key)")) {
            try SettingsFile.decode(json, over: ImageStudy.Settings(dataset: .fashionMNIST), path: "test.json")
        }
    }
}
