import Datasets
import Foundation
import Runs
import Support

/// `evaluate --split all`: the recognition protocol on every split of a dataset in turn, each split
/// with its own stages (super-block PCA, vocabulary and classifiers come from that split's training
/// clips) and its reports in `output/split<N>`, then the summary over splits in `output`.
public struct AllSplitsRun: Sendable {
    /// One split's run; its `split` and `output` are replaced per split.
    public var run: EvaluationRun

    /// Every split of `run`'s dataset, writing under `run.output`.
    public init(_ run: EvaluationRun) { self.run = run }

    /// Every split's layout is checked before any heavy work; then the splits run in order.
    public func run(events: @escaping @Sendable (_ split: Int, EvaluationEvent) -> Void = { _, _ in }) throws -> AllSplitsReport {
        let stopwatch = Stopwatch()
        let splits = run.datasetLayout.splits
        for split in splits { _ = try run.datasetLayout.load(root: run.root, split: split) }
        var reports: [String: EvaluationReport] = [:]
        for split in splits {
            var one = run
            one.split = split
            one.output = run.output.appendingPathComponent("split\(split)")
            reports["\(split)"] = try one.run { events(split, $0) }
        }
        let summary = AllSplitsReport(dataset: run.datasetLayout.rawValue, splits: reports, seconds: stopwatch.seconds)
        try summary.write(to: run.output)
        return summary
    }
}
