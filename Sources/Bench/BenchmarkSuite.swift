import Foundation
import Linalg
import Video

/// The built-in benchmarks behind `zae-video bench`, run by name, each reporting `BenchmarkResult`s.
public enum BenchmarkSuite {
    /// The benchmarks that can be chosen.
    public enum Which: String, CaseIterable, Sendable {
        /// sgemm 1024x1024 through the project's matrix type.
        case gemm
        /// Frames/s decoding a clip to gray.
        case decode
        /// ZAE training at 300 whitened dimensions, 600 features, batch 100.
        case train
        /// Dense descriptors of Hollywood2-sized clips.
        case extract
        /// One Lloyd iteration of the vocabulary K-means.
        case kmeans
        /// One whole vocabulary fit, with Yinyang's bounds and plain.
        case vocabulary
        /// Every benchmark above, in order.
        case all
    }

    /// Runs `which` (the decode benchmark on `clip`, or on a generated clip when nil; the vocabulary
    /// benchmark on the rows of the `.npy` file `descriptors`, or on generated data when nil) and
    /// hands every result to `emit` as soon as it is measured.
    public static func run(_ which: Which, clip: String? = nil, descriptors: String? = nil, emit: (BenchmarkResult) -> Void) throws {
        func wanted(_ w: Which) -> Bool { which == w || which == .all }
        if wanted(.gemm) { emit(GemmBenchmark.run()) }
        if wanted(.decode) {
            let path = try clip ?? generatedClip()
            defer { if clip == nil { try? FileManager.default.removeItem(atPath: path) } }
            let result = try DecodeBenchmark.run(path: path)
            emit(BenchmarkResult(name: "decode_fps", value: result.framesPerSecond, unit: "frames/s"))
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
        if wanted(.vocabulary) {
            let result = try descriptors.map { try VocabularyBenchmark.run(on: NPYArray(contentsOf: URL(fileURLWithPath: $0)).matrix(path: $0)) }
                ?? VocabularyBenchmark.run()
            emit(BenchmarkResult(name: "vocabulary_fit_seconds", value: result.seconds, unit: "s"))
            emit(BenchmarkResult(name: "vocabulary_fit_lloyd_seconds", value: result.lloydSeconds, unit: "s"))
            emit(BenchmarkResult(name: "vocabulary_fit_speedup", value: result.lloydSeconds / result.seconds, unit: "x"))
            emit(BenchmarkResult(name: "vocabulary_fit_iterations", value: Double(result.iterations), unit: "iterations"))
            emit(BenchmarkResult(name: "vocabulary_fit_distances_computed", value: 100 * result.computedDistanceFraction, unit: "%"))
            emit(BenchmarkResult(name: "vocabulary_fit_identical", value: result.identical ? 1 : 0, unit: "(1 = same centroids)"))
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
