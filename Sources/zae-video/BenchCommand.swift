import ArgumentParser
import Foundation
import Learners
import Linalg
import Pipeline
import Recognition
import Video

/// `zae-video bench`: the built-in benchmarks, printed as `name value unit` lines.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run built-in benchmarks (use a release build).",
        discussion: """
        gemm: sgemm 1024x1024 through the project's matrix type. decode: frames/s decoding a clip to gray \
        (a generated 640x480 mpeg4 clip of 250 frames, or --clip). train: ZAE training at 300 whitened \
        dimensions, 600 features, batch 100. extract: dense descriptors of Hollywood2-sized clips. kmeans: \
        one Lloyd iteration of the vocabulary (3,000 words, 300,000 descriptors of 100 dimensions).
        """)

    /// The benchmarks that can be chosen.
    enum Which: String, ExpressibleByArgument, CaseIterable {
        case gemm, decode, train, extract, kmeans, all
    }

    @Argument(help: "Which benchmark: \(Which.allCases.map(\.rawValue).joined(separator: ", ")).")
    var which: Which = .all

    @Option(help: "The clip for the decode benchmark (default: a generated one).")
    var clip: String?

    @Flag(help: "Print one JSON array of {name, value, unit}.")
    var json = false

    func run() throws {
        var results: [BenchmarkResult] = []
        func emit(_ result: BenchmarkResult) {
            results.append(result)
            if !json { print(result.line) }
        }
        func wanted(_ w: Which) -> Bool { which == w || which == .all }
        if wanted(.gemm) { emit(GemmBenchmark.run()) }
        if wanted(.decode) {
            let path = try clip ?? Self.generatedClip()
            let result = try VideoDecoder.benchmarkDecode(path: path)
            emit(BenchmarkResult(name: "decode_fps", value: result.framesPerSecond, unit: "frames/s"))
            if clip == nil { try? FileManager.default.removeItem(atPath: path) }
        }
        if wanted(.train) {
            let result = try ZAEBenchmark.run()
            emit(BenchmarkResult(name: "train_zae_300x600", value: result.blocksPerSecond, unit: "blocks/s"))
            emit(BenchmarkResult(name: "train_zae_300x600_gflops", value: result.gflops, unit: "GFLOP/s"))
        }
        if wanted(.extract) {
            let result = try ExtractionBenchmark.run()
            emit(BenchmarkResult(name: "extract_superblocks_per_clip", value: Double(result.superBlocksPerClip), unit: "super-blocks"))
            emit(BenchmarkResult(name: "extract_superblocks", value: result.superBlocksPerSecond, unit: "super-blocks/s"))
            emit(BenchmarkResult(name: "extract_clips", value: result.clipsPerSecond, unit: "clips/s"))
            emit(BenchmarkResult(name: "extract_hollywood2_estimate", value: 1707 / result.clipsPerSecond / 60, unit: "minutes"))
        }
        if wanted(.kmeans) {
            emit(BenchmarkResult(name: "kmeans_iteration_300000x100_k3000", value: KMeansBenchmark.secondsPerIteration(), unit: "s"))
        }
        if json {
            let encoder = JSONEncoder.readable()
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        }
    }

    /// Writes a 640x480, 250-frame mpeg4 clip of moving gradients to a temporary file.
    static func generatedClip() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zae-bench-\(getpid()).avi").path
        let writer = try VideoWriter(path: path, width: 640, height: 480)
        var pixels = [UInt8](repeating: 0, count: 640 * 480)
        for t in 0..<250 {
            for y in 0..<480 { for x in 0..<640 { pixels[y * 640 + x] = UInt8(truncatingIfNeeded: x + 2 * y + 3 * t + (x * y) >> 7) } }
            try writer.append(GrayFrame(width: 640, height: 480, pixels: pixels))
        }
        try writer.finish()
        return path
    }
}
