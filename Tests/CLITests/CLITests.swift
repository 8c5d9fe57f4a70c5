import Foundation
import Testing
import TestSupport

/// Runs the built `zae-video` binary and captures what it printed.
enum CLI {
    /// The binary beside the test bundle (SwiftPM builds both into the same folder).
    static let binary: URL? = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("zae-video")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    /// Runs the binary in the package root with `arguments` (and extra `environment` entries).
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        try ProcessRunner.run(try #require(binary, "zae-video binary not found beside the tests"), arguments,
                              environment: environment, currentDirectory: TestPaths.packageRoot)
    }
}

@Suite("zae-video command line", .tags(.slow), .timeLimit(.minutes(10)))
struct CLITests {
    @Test("probe reports every file, names the bad one, and exits non-zero when any failed")
    func probe() throws {
        let good = try CLI.run(["probe", "Fixtures/videos/moving-dots-96x64.avi", "Fixtures/videos/moving-gradient-64x48.avi"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("codec mpeg4  96x64  frames 24"))
        let mixed = try CLI.run(["probe", "--json", "Fixtures/videos/moving-dots-96x64.avi", "Fixtures/bad-input/not-a-video.avi", "missing.avi"])
        #expect(mixed.status != 0)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(mixed.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 3)
        for report in reports {
            #expect(Set(report.keys) == ["path", "codec", "width", "height", "frames", "fps", "gray_sum", "error"])
        }
        #expect(reports[0]["frames"] as? Int == 24 && reports[0]["error"] is NSNull)
        #expect((reports[1]["error"] as? String)?.contains("not-a-video.avi") == true)
        #expect((reports[2]["error"] as? String)?.contains("no such file") == true)
    }

    @Test("info names the BLAS kernel; settings prints the defaults that Pipelines/hollywood2.json holds")
    func infoAndSettings() throws {
        let info = try CLI.run(["info"])
        #expect(info.status == 0 && info.stdout.contains("blas_core "))
        let settings = try CLI.run(["settings"])
        let file = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Pipelines/hollywood2.json"), encoding: .utf8)
        #expect(settings.status == 0 && settings.stdout == file)
    }

    @Test("evaluate without a dataset says where to get Hollywood2 and how to run the embedded demo")
    func evaluateWithoutRoot() throws {
        let result = try CLI.run(["evaluate", "--dataset", "hollywood2"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("INRIA") && result.stderr.contains("make-dataset motions") && result.stderr.contains("make demo"))
    }

    @Test("evaluate on a benchmark layout: --split is checked against the layout, refused for images; a foreign root is named")
    func benchmarkLayoutArguments() throws {
        let noSplit = try CLI.run(["evaluate", "--dataset", "kth", "--root", "Pipelines", "--model", "none", "--split", "2"])
        #expect(noSplit.status != 0 && noSplit.stderr.contains("KTH has no split 2"))
        let badSplit = try CLI.run(["evaluate", "--dataset", "ucf101", "--root", "Pipelines", "--model", "none", "--split", "two"])
        #expect(badSplit.status != 0 && badSplit.stderr.contains("--split"))
        let images = try CLI.run(["evaluate", "--dataset", "cifar10", "--split", "all"])
        #expect(images.status != 0 && images.stderr.contains("--split does not apply to --dataset cifar10"))
        let foreign = try CLI.run(["evaluate", "--dataset", "hmdb51", "--root", "Pipelines", "--model", "none"])
        #expect(foreign.status != 0 && foreign.stderr.contains("not a dataset in the HMDB51 layout") && foreign.stderr.contains("hollywood2.json"))
    }

    @Test("evaluate: --encoding and --pyramid are typed, and refused for image datasets")
    func encodingArguments() throws {
        let kind = try CLI.run(["evaluate", "--dataset", "hollywood2", "--root", "Pipelines", "--model", "none", "--encoding", "sift"])
        #expect(kind.status != 0 && kind.stderr.contains("--encoding") && kind.stderr.contains("fisher"))
        let grid = try CLI.run(["evaluate", "--dataset", "hollywood2", "--root", "Pipelines", "--model", "none", "--pyramid", "1x1x1,1x0x2"])
        #expect(grid.status != 0 && grid.stderr.contains("--pyramid"))
        let word = try CLI.run(["evaluate", "--dataset", "hollywood2", "--root", "Pipelines", "--model", "none", "--pyramid", "1xax2x2"])
        #expect(word.status != 0 && word.stderr.contains("--pyramid"))
        let images = try CLI.run(["evaluate", "--dataset", "cifar10", "--encoding", "vlad", "--pyramid", "1x2x2"])
        #expect(images.status != 0 && images.stderr.contains("--encoding, --pyramid do not apply to --dataset cifar10"))
    }

    @Test("evaluate --descriptors replaces --model: one of the two, --reduce only with it, refused for image datasets")
    func descriptorArguments() throws {
        let refusals: [([String], [String])] = [
            (["--dataset", "hollywood2", "--root", "Pipelines", "--model", "m", "--descriptors", "d"], ["give --model or --descriptors, not both"]),
            (["--dataset", "hollywood2", "--root", "Pipelines", "--model", "m", "--reduce", "none"], ["--reduce needs --descriptors"]),
            (["--dataset", "hollywood2", "--root", "Pipelines", "--descriptors", "d", "--reduce", "half"], ["--reduce"]),
            (["--dataset", "cifar10", "--descriptors", "d"], ["--descriptors does not apply to --dataset cifar10"]),
            (["--dataset", "kth", "--root", "Pipelines"], ["needs --model DIR", "--descriptors DIR"]),
        ]
        for (arguments, phrases) in refusals {
            let result = try CLI.run(["evaluate"] + arguments)
            #expect(result.status != 0 && phrases.allSatisfy(result.stderr.contains), "\(arguments): \(result.stderr)")
        }
    }

    @Test("learn names a missing data path; rotdots refuses nonsense sizes before any work; filters names a missing bundle")
    func badArguments() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zae-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let model = scratch.appendingPathComponent("model").path
        let learn = try CLI.run(["learn", "--data", "no/such/folder", "--out", model])
        #expect(learn.status != 0 && learn.stderr.contains("no/such/folder: no such file or folder"))
        #expect(!FileManager.default.fileExists(atPath: model))
        let rotdotsOut = scratch.appendingPathComponent("rotdots").path
        let rotdots = try CLI.run(["rotdots", "--features", "0", "--out", rotdotsOut])
        #expect(rotdots.status != 0 && rotdots.stderr.lowercased().contains("features"))
        #expect(!FileManager.default.fileExists(atPath: rotdotsOut))
        let filters = try CLI.run(["filters", scratch.appendingPathComponent("no-model").path])
        #expect(filters.status != 0 && filters.stderr.contains("no-model"))
        let count = try CLI.run(["filters", model, "--count", "0"])
        #expect(count.status != 0 && count.stderr.contains("--count must be at least 1"))
        let wrongFlag = try CLI.run(["evaluate", "--dataset", "hollywood2", "--seed", "3"])
        #expect(wrongFlag.status != 0 && wrongFlag.stderr.contains("--seed does not apply to --dataset hollywood2"))
        let size = try CLI.run(["make-dataset", "motions", "--out", scratch.appendingPathComponent("m").path,
                                "--size", "64", "64", "--frames", "4", "--clips-per-class", "1"])
        #expect(size.status == 0, "\(size.stderr)")
    }
}
