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
        one Lloyd iteration of the vocabulary (3,000 words, 300,000 descriptors of 100 dimensions).
        """)

    @Argument(help: "Which benchmark: \(BenchmarkSuite.Which.allCases.map(\.rawValue).joined(separator: ", ")).")
    var which: BenchmarkSuite.Which = .all

    @Option(help: "The clip for the decode benchmark (default: a generated one).")
    var clip: String?

    @Flag(help: "Print one JSON array of {name, value, unit}.")
    var json = false

    func run() throws {
        var results: [BenchmarkResult] = []
        try BenchmarkSuite.run(which, clip: clip) { result in
            results.append(result)
            if !json { print(result.line) }
        }
        if json { print(String(decoding: try JSONEncoder.readable().encode(results), as: UTF8.self)) }
    }
}

extension BenchmarkSuite.Which: ExpressibleByArgument {}
