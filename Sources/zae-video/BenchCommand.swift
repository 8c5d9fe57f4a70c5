import ArgumentParser
import Bench
import Foundation
import Support

/// `zae-video bench`: the built-in benchmarks, printed as `name value unit` lines.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run built-in benchmarks (use a release build).",
        discussion: """
        gemm: sgemm 1024x1024 through the project's matrix type. decode: frames/s decoding a clip to gray \
        (a generated 640x480 mpeg4 clip of 250 frames, or --clip). train: ZAE training at 300 whitened \
        dimensions, 600 features, batch 100. extract: dense descriptors of Hollywood2-sized clips. kmeans: \
        one Lloyd iteration of the vocabulary (3,000 words, 300,000 descriptors of 100 dimensions). \
        vocabulary: one whole vocabulary fit of those sizes (30 iterations, one initialisation) with \
        Yinyang's bounds and, from the same run, plain Lloyd. --compare runs each benchmark's peer \
        script (Benchmarks/: numpy for gemm and train, scikit-learn for kmeans) right after it, with \
        OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for the peer and as many threads as zae-video's cores.
        """)

    @Argument(help: "Which benchmark: \(BenchmarkSuite.Which.allCases.map(\.rawValue).joined(separator: ", ")).")
    var which: BenchmarkSuite.Which = .all

    @Option(help: "The clip for the decode benchmark (default: a generated one).")
    var clip: String?

    @Option(help: "For the vocabulary benchmark: fit on the rows of this .npy (N x D floats, such as a sample of a run's PCA-reduced descriptors) instead of generated data.")
    var descriptors: String?

    @Flag(help: "Print one JSON array of {name, value, unit}.")
    var json = false

    @Flag(help: "After each benchmark, run its peer from --peers (numpy, scikit-learn) with its own BLAS kernel.")
    var compare = false

    @Option(help: "The folder of the peer scripts for --compare.")
    var peers = "Benchmarks"

    func run() throws {
        var results: [BenchmarkResult] = []
        func note(_ line: String) {
            if let result = BenchmarkResult(line: line) { results.append(result) }
            if !json { print(line) }
        }
        if compare { note("# zae-video: \(BLASRuntime.kernelDescription), \(ParallelWork.workers(for: .max)) cores") }
        for chosen in which == .all ? BenchmarkSuite.Which.allCases.filter({ $0 != .all }) : [which] {
            try BenchmarkSuite.run(chosen, clip: clip, descriptors: descriptors) { note($0.line) }
            if compare {
                try PeerBenchmark.run(chosen, folder: URL(fileURLWithPath: peers), threads: ParallelWork.workers(for: .max), emit: note)
            }
        }
        if json { print(String(decoding: try JSONEncoder.readable().encode(results), as: UTF8.self)) }
    }
}

extension BenchmarkSuite.Which: ExpressibleByArgument {}
