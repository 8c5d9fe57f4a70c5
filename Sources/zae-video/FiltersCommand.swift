import ArgumentParser
import Evaluation
import Foundation
import Runs
import Studies

/// `zae-video filters`: a model bundle's strongest filters as pictures and as an array.
struct FiltersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filters",
        abstract: "Draw a model bundle's strongest filters in pixel space (filters.png, .gif, .npy, .json).",
        discussion: """
            Works for every model kind learn writes. Filters are mapped back through the bundle's \
            whitening as the pixel patterns they generate; the gated RBM and covariance AE draw their \
            factor filters. filters.json says what is drawn and how "strongest" is ranked.
            """)

    @Argument(help: "A model bundle folder written by learn.")
    var modelDir: String

    @Option(help: "Output folder (default: the model bundle folder).")
    var out: String?

    @Option(parsing: .unconditional, help: "Filters to draw, strongest first.")
    var count = 64

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
    }

    func run() throws {
        let output = URL(fileURLWithPath: out ?? modelDir)
        let filters = try ModelFilters.draw(bundle: URL(fileURLWithPath: modelDir), count: count, output: output)
        print("drew the \(filters.count) strongest of \(filters.total) \(filters.drawn)")
        print("\(filters.frames) frames of \(filters.height) x \(filters.width) each; median frame roughness "
              + String(format: "%.3f", filters.medianRoughness))
        print("wrote \(output.path)/filters.png, filters.gif, filters.npy, filters.json")
    }
}
