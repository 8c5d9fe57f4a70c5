import ArgumentParser
import Foundation
import Linalg

/// `zae-video bench`: the built-in benchmarks, printed as `name value unit` lines.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Run built-in benchmarks (use a release build).")

    /// The benchmarks that can be chosen.
    enum Which: String, ExpressibleByArgument, CaseIterable {
        case gemm, all
    }

    @Argument(help: "Which benchmark: \(Which.allCases.map(\.rawValue).joined(separator: ", ")).")
    var which: Which = .all

    @Flag(help: "Print one JSON array of {name, value, unit}.")
    var json = false

    func run() throws {
        var results: [BenchmarkResult] = []
        func emit(_ result: BenchmarkResult) {
            results.append(result)
            if !json { print(result.line) }
        }
        if which == .gemm || which == .all { emit(GemmBenchmark.run()) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        }
    }
}
