import Foundation
import TestSupport
import Testing

@Suite("Runs too large for this machine are refused before any work")
struct MemoryRefusalTests {
    /// Runs the binary and checks that it failed at once with the one-line memory message.
    func expectRefused(_ arguments: [String], stage: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let started = Date()
        let result = try CLI.run(arguments)
        #expect(result.status == 64 || result.status == 1, "exit status \(result.status)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        let message = String(lines.first ?? "")
        #expect(message.contains("would need about") && message.contains("of memory in \(stage) (") && message.contains("this machine has"),
                "\(message)", sourceLocation: sourceLocation)
        #expect(Date().timeIntervalSince(started) < 30, sourceLocation: sourceLocation)
    }

    @Test("learn with a billion features, or 10^12 blocks")
    func learn() throws {
        let scratch = try ScratchFolder("memory")
        defer { scratch.remove() }
        let out = scratch.path("out").path
        try expectRefused(["learn", "--data", "Fixtures/videos", "--out", out, "--features", "1000000000"], stage: "training")
        try expectRefused(["learn", "--data", "Fixtures/videos", "--out", out, "--patches", "1000000000000"], stage: "whitening")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("evaluate with --words 10^9 over a sample of 2x10^9 descriptors: refused before prepare's work, and by the finish stage run alone")
    func evaluate() throws {
        let tiny = try TinyRecognition.shared.get()
        let scratch = try ScratchFolder("memory")
        defer { scratch.remove() }
        let huge = try tiny.pipeline(vocabularySample: 2_000_000_000, to: scratch.path("huge.json"))
        let common = ["evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path]

        let out = scratch.path("out")
        try expectRefused(common + ["--out", out.path, "--pipeline", huge.path, "--words", "1000000000"], stage: "finish")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.json").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("cache").path))

        // A plan made with runnable settings; the finish stage alone with the huge vocabulary is refused before reading any descriptor.
        let staged = scratch.path("staged")
        let prepared = try CLI.run(common + ["--out", staged.path, "--pipeline", tiny.pipeline.path, "--stage", "prepare"])
        try #require(prepared.status == 0, "\(prepared.stderr)")
        try expectRefused(common + ["--out", staged.path, "--pipeline", huge.path, "--words", "1000000000", "--stage", "finish"], stage: "finish")
    }

    @Test("rotdots with 10^11 videos")
    func rotdots() throws {
        let scratch = try ScratchFolder("memory")
        defer { scratch.remove() }
        let out = scratch.path("out").path
        try expectRefused(["rotdots", "--videos", "100000000000", "--out", out], stage: "videos")
    }

    @Test("the Fashion-MNIST study with a billion features")
    func fashionMNIST() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            print("skipped: dataset-fashion-mnist is not installed")
            return
        }
        let scratch = try ScratchFolder("memory")
        defer { scratch.remove() }
        let out = scratch.path("out").path
        try expectRefused(["evaluate", "--dataset", "fashion-mnist", "--learners", "trec", "--features", "1000000000", "--out", out],
                          stage: "learners")
    }
}
