import Foundation
import Runs
import Studies
import Evaluation
import Testing
import TestSupport

/// A tiny Hollywood2-layout motion dataset and a TRec model trained on it, both made by the binary,
/// with settings that run `evaluate` in seconds; shared by the tests below.
final class TinyRecognition: Sendable {
    static let shared = Result { try TinyRecognition() }

    let folder: ScratchFolder
    /// The settings file.
    let pipeline: URL
    /// The dataset root.
    var dataset: URL { folder.path("motions") }
    /// The model bundle.
    var model: URL { folder.path("trec") }

    init() throws {
        folder = try ScratchFolder("reliability")
        pipeline = try folder.write("""
            {"blocks": {"frames": 4, "height": 8, "width": 8, "count": 2000, "components": 40},
             "model": {"kind": "trec", "features": 16, "training": {"epochs": 3, "warmupEpochs": 1}},
             "descriptors": {"superBlock": [6, 12, 12], "stride": [3, 6, 6], "pcaDimensions": 12, "pcaSample": 2000},
             "vocabulary": {"words": 16, "sample": 3000, "initializations": 1, "iterations": 5}}
            """, to: "tiny.json")
        let made = try zae(["make-dataset", "motions", "--out", dataset.path, "--size", "64", "64", "--frames", "12", "--clips-per-class", "2"])
        guard made.status == 0 else { throw FixtureError(step: "make-dataset", output: made.stderr) }
        let learned = try zae(["learn", "--model", "trec", "--data", dataset.path, "--out", model.path, "--pipeline", pipeline.path])
        guard learned.status == 0 else { throw FixtureError(step: "learn", output: learned.stderr) }
    }

    /// Runs `evaluate` on `root` (default: the dataset) with `model` (default: the trained one) into `out`.
    func evaluate(out: URL, root: URL? = nil, model: URL? = nil, environment: [String: String] = [:]) throws -> ProcessOutput {
        try zae(["evaluate", "--dataset", "hollywood2", "--root", (root ?? dataset).path, "--model", (model ?? self.model).path,
                     "--out", out.path, "--pipeline", pipeline.path], environment: environment)
    }

    /// A copy of the settings file, written to `file`, whose vocabulary samples `sample` descriptors.
    func pipeline(vocabularySample sample: Int, to file: URL) throws -> URL {
        try pipeline(setting: "vocabulary", "sample", to: sample, file: file)
    }

    /// A copy of the settings file, written to `file`, with the setting `section.key` set to `value`.
    func pipeline(setting section: String, _ key: String, to value: Int, file: URL) throws -> URL {
        var settings = try JSONSerialization.jsonObject(with: Data(contentsOf: pipeline)) as! [String: Any]
        var part = settings[section] as! [String: Any]
        part[key] = value
        settings[section] = part
        try JSONSerialization.data(withJSONObject: settings).write(to: file)
        return file
    }

    /// A dataset root beside the original that shares its clips (a link to AVIClips) and holds a
    /// copy of its ClipSets for the caller to change.
    func datasetCopy(_ name: String) throws -> URL {
        let root = folder.path(name)
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: root.appendingPathComponent("AVIClips"), withDestinationURL: dataset.appendingPathComponent("AVIClips"))
        try fm.copyItem(at: dataset.appendingPathComponent("ClipSets"), to: root.appendingPathComponent("ClipSets"))
        return root
    }

    struct FixtureError: Error, CustomStringConvertible {
        var step: String
        var output: String
        var description: String { "\(step) failed: \(output)" }
    }
}

/// Runs the built binary from the package root with `arguments` (and extra `environment` entries).
func zae(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
    let binary = try #require(CLI.binary, "zae-video binary not found beside the tests")
    return try ProcessRunner.run(binary, arguments, environment: environment, currentDirectory: TestPaths.packageRoot)
}

/// Whether a run ended by itself with a status (0 or a clean error), not by a runtime trap.
private func endedCleanly(_ output: ProcessOutput) -> Bool {
    output.status == 0 || output.status == 1 || output.status == 64
}

/// The lines of stderr that are error messages.
private func errorLines(_ output: ProcessOutput) -> [Substring] {
    output.stderr.split(separator: "\n").filter { !$0.hasPrefix("  ") }
}

@Suite("nothing crashes, nothing is silently wrong", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct ReliabilityTests {
    @Test("an action without a positive test clip: AP undefined in report.json, report.md and ap.svg, left out of the means")
    func actionWithoutPositiveTestClip() throws {
        let tiny = try TinyRecognition.shared.get()
        let root = try tiny.datasetCopy("no-positive-test")
        let list = root.appendingPathComponent("ClipSets/ZoomIn_test.txt")
        let text = try String(contentsOf: list, encoding: .utf8)
        try text.replacingOccurrences(of: " 1\n", with: " -1\n").write(to: list, atomically: true, encoding: .utf8)
        let out = tiny.folder.path("report-no-positive-test")
        let result = try tiny.evaluate(out: out, root: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ZoomIn") && result.stdout.contains("(no positive test clip: AP undefined, left out of the mean)"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any])
        let perClass = try #require(json["per_class"] as? [String: [String: Any]])
        #expect(perClass["ZoomIn"]?["ap"] is NSNull && perClass["ZoomIn"]?["ap_11pt"] is NSNull)
        #expect(perClass["ZoomIn"]?["positives"] as? Int == 0)
        #expect(json["actions_without_ap"] as? [String] == ["ZoomIn"])
        // JSONSerialization may round a number's last digit on reading; JSONDecoder reads them exactly.
        struct Means: Decodable { var mean_ap: Double; var per_class: [String: [String: Double?]] }
        let means = try JSONDecoder().decode(Means.self, from: Data(contentsOf: out.appendingPathComponent("report.json")))
        let defined = means.per_class.keys.sorted().compactMap { means.per_class[$0]?["ap"] ?? nil }
        #expect(defined.count == 7)
        #expect(means.mean_ap == defined.reduce(0, +) / 7)

        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("| ZoomIn | 0 | n/a | n/a |"))
        #expect(markdown.contains("ZoomIn has no positive test clip: AP undefined (n/a), left out of the means (over 7 of 8 actions)."))
        let chart = try String(contentsOf: out.appendingPathComponent("ap.svg"), encoding: .utf8)
        #expect(chart.contains("ZoomIn (no positive test clip)") && chart.contains(">n/a</text>") && chart.contains("mean of 7 of 8"))
    }

    @Test("one inf in a bundle's W.npy is a one-line error naming the file; a NaN in a cached descriptor fails its checksum and is recomputed, said so")
    func nonFiniteArrays() throws {
        let tiny = try TinyRecognition.shared.get()
        let fm = FileManager.default
        let damaged = tiny.folder.path("trec-inf")
        try fm.copyItem(at: tiny.model, to: damaged)
        let weights = damaged.appendingPathComponent("W.npy")
        var bytes = try Data(contentsOf: weights)
        bytes.replaceSubrange((bytes.count - 4)..<bytes.count, with: [0x00, 0x00, 0x80, 0x7F])  // +inf as float32
        try bytes.write(to: weights)
        let bad = try tiny.evaluate(out: tiny.folder.path("report-inf"), model: damaged)
        #expect(bad.status == 1, "\(bad.stderr)")
        #expect(errorLines(bad) == ["Error: \(weights.path): holds a non-finite value, inf at row 39, column 15 of shape [40, 16]; every value must be finite (a damaged file or a diverged run)"])

        let out = tiny.folder.path("report-nan")
        let good = try tiny.evaluate(out: out)
        #expect(good.status == 0, "\(good.stderr)")
        let cache = out.appendingPathComponent("cache")
        let descriptors = try #require(try fm.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("descriptors-") })
        let clip = cache.appendingPathComponent("\(descriptors)/actioncliptest00001.npy")
        var descriptorBytes = try Data(contentsOf: clip)
        descriptorBytes.replaceSubrange((descriptorBytes.count - 8)..<(descriptorBytes.count - 4), with: [0x00, 0x00, 0xC0, 0x7F])  // NaN
        try descriptorBytes.write(to: clip)
        let rerun = try tiny.evaluate(out: out)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("recomputing actioncliptest00001: \(clip.path): content differs from its recorded checksum"), "\(rerun.stdout)")
        #expect(!(try Data(contentsOf: clip)).elementsEqual(descriptorBytes))
    }

    @Test("every number in report.json is bit-identical across reruns and BLAS thread counts")
    func reproducibleReports() throws {
        let tiny = try TinyRecognition.shared.get()
        func report(_ out: URL, threads: Int) throws -> String {
            let result = try tiny.evaluate(out: out, environment: ["OPENBLAS_NUM_THREADS": "\(threads)"])
            #expect(result.status == 0, "\(result.stderr)")
            // Wall times and the stages' records (times, hosts, peak memory) are measurements, not results.
            var json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
            json["seconds"] = nil
            json["stages"] = nil
            return String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
        }
        let one = try report(tiny.folder.path("report-1-thread"), threads: 1)
        let two = try report(tiny.folder.path("report-2-threads"), threads: 2)
        let rerun = try report(tiny.folder.path("report-1-thread"), threads: 2)
        #expect(one.contains("\"mean_ap\""))
        #expect(one == two)
        #expect(one == rerun)
    }

    @Test("the binary shows each stage by its typed line and the vocabulary's sampling and K-means with a progress line with time left")
    func vocabularyProgress() throws {
        let tiny = try TinyRecognition.shared.get()
        let result = try tiny.evaluate(out: tiny.folder.path("report-progress"))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains(EvaluationStep.superBlockPCA.line(cached: false)))
        #expect(lines.contains(EvaluationStep.descriptors(clips: 32, shard: .whole).line(cached: false)))
        let sampling = try #require(lines.firstIndex(of: EvaluationStep.sampling(.vocabulary, clips: 16).line(cached: false)))
        #expect(lines[sampling + 1].hasPrefix("  16/16 ") && lines[sampling + 1].hasSuffix(" left"))
        // The K-means stage follows (its sample size depends on the clips); its progress ends at 100/100.
        #expect(!lines[sampling + 2].hasPrefix(" ") && lines[sampling + 2].hasSuffix(" ..."))
        #expect(lines[sampling + 3].hasPrefix("  100/100 ") && lines[sampling + 3].hasSuffix(" left"))
        #expect(lines.contains(EvaluationStep.kernelSVMs(actions: 8).line(cached: false)))
    }

    @Test("a hand-edited plan.json with an impossible setting: the descriptor stage exits with one line naming the file and the setting")
    func damagedPlan() throws {
        let tiny = try TinyRecognition.shared.get()
        let out = tiny.folder.path("report-damaged-plan")
        let arguments = ["evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path,
                         "--out", out.path, "--pipeline", tiny.pipeline.path, "--stage"]
        let prepared = try zae(arguments + ["prepare"])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        let plan = out.appendingPathComponent("plan.json")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: plan)) as! [String: Any]
        var settings = json["settings"] as! [String: Any]
        var descriptors = settings["descriptors"] as! [String: Any]
        descriptors["stride"] = [0, 6, 6]
        settings["descriptors"] = descriptors
        json["settings"] = settings
        try JSONSerialization.data(withJSONObject: json).write(to: plan)
        let described = try zae(arguments + ["descriptors"])
        #expect(described.status == 1)
        #expect(errorLines(described) == ["Error: \(plan.path): setting \"settings.descriptors.stride\" must be 3 positive values (frames, height, width), got [0, 6, 6]"])
    }

    @Test("an IDX header with a dimension of 2^32-1 is a one-line error through the binary, not an overflow trap")
    func idxOverflow() throws {
        let scratch = try ScratchFolder("idx")
        defer { scratch.remove() }
        let images = try scratch.write([0, 0, 8, 3] + [UInt8](repeating: 0xFF, count: 12) + [1, 2, 3], to: "train-images-idx3-ubyte")
        let result = try zae(["evaluate", "--dataset", "fashion-mnist", "--root", scratch.url.path, "--models", "trec",
                                  "--features", "10", "--out", scratch.path("out").path])
        #expect(result.status == 1)
        #expect(errorLines(result) == ["Error: \(images.path): shape [4294967295, 4294967295, 4294967295] promises more data than any file can hold (a damaged header)"])
    }

    @Test("true one-line messages: negative option values, a symlink loop, a dangling link, a FIFO, an unwritable --out or one under a file, a missing pca.json")
    func messages() throws {
        let tiny = try TinyRecognition.shared.get()
        let scratch = try ScratchFolder("messages")
        defer { scratch.remove() }
        let threads = try zae(["probe", "--threads", "-3", "Fixtures/videos/moving-dots-96x64.avi"])
        #expect(threads.status != 0 && threads.stderr.hasPrefix("Error: --threads must be 0 (FFmpeg's choice) or more"))
        let features = try zae(["learn", "--model", "trec", "--data", tiny.dataset.path, "--out", scratch.path("m").path, "--features", "-5"])
        #expect(features.status != 0 && features.stderr.contains("model.features") && features.stderr.contains("must be at least 1, got -5"))

        let fm = FileManager.default
        let loop = scratch.path("loop-a"), dangling = scratch.path("dangling"), fifo = scratch.path("fifo")
        try fm.createSymbolicLink(atPath: loop.path, withDestinationPath: scratch.path("loop-b").path)
        try fm.createSymbolicLink(atPath: scratch.path("loop-b").path, withDestinationPath: loop.path)
        try fm.createSymbolicLink(atPath: dangling.path, withDestinationPath: scratch.path("nothing").path)
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let probe = try zae(["probe", loop.path, dangling.path, fifo.path])
        #expect(probe.status == 1)
        #expect(errorLines(probe) == [
            "error: \(loop.path): cannot read: a loop of symbolic links",
            "error: \(dangling.path): cannot read: a symbolic link to \(scratch.path("nothing").path), which does not exist",
            "error: \(fifo.path): not a video file FFmpeg can read (it is a FIFO, a named pipe, not a regular file)",
        ])

        let unwritable = try tiny.evaluate(out: URL(fileURLWithPath: "/proc/zae-video-out"))
        #expect(unwritable.status == 1)
        let line = try #require(errorLines(unwritable).last)
        #expect(line.hasPrefix("Error: cannot write /proc/zae-video-out/") && !unwritable.stderr.contains("NSCocoaErrorDomain"))
        #expect(errorLines(unwritable).count == 1)

        let file = try scratch.write("not a folder", to: "a-file")
        let underFile = try tiny.evaluate(out: file.appendingPathComponent("report"))
        #expect(underFile.status == 1)
        #expect(errorLines(underFile).count == 1 && underFile.stderr.contains("\(file.path) is a file, not a folder"))

        let bundle = scratch.path("no-pca-json")
        try fm.copyItem(at: tiny.model, to: bundle)
        try fm.removeItem(at: bundle.appendingPathComponent("pca.json"))
        let noPCA = try tiny.evaluate(out: scratch.path("out"), model: bundle)
        #expect(noPCA.status == 1)
        #expect(errorLines(noPCA) == ["Error: \(bundle.path)/pca.json: cannot read: no such file"])
    }
}
