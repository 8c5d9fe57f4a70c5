import Linalg
import Runs

/// Which descriptors the vocabulary (and the Fisher vectors' GMM) is fit on: from each training
/// clip in plan order, `min(quota, rows)` of its rows drawn without replacement,
/// `quota = ceil(vocabulary.sample / clips)`, by one generator seeded with `vocabulary.seed` and
/// running across the clips (so a clip's draw depends on the row counts of the clips before it).
///
/// Finish draws it from the clips it has; the descriptor stage draws the same from the row counts
/// prepare recorded in the plan (`EvaluationPlan.Clip.rows`), so it can keep exactly those rows in
/// float32 beside a 16-bit cache and the vocabulary does not depend on the cache's precision.
struct VocabularySample {
    /// Rows drawn from each clip at most.
    let quota: Int
    private var rng: SeededRandom

    /// The sample of `vocabulary`'s settings over `clips` training clips, before the first clip's draw.
    init(_ vocabulary: VideoPipelineSettings.Vocabulary, clips: Int) {
        quota = (vocabulary.sample + clips - 1) / max(clips, 1)
        rng = SeededRandom(seed: UInt64(vocabulary.seed))
    }

    /// The rows drawn from the next clip, of `count` rows, in the order drawn.
    mutating func next(rows count: Int) -> [Int] {
        rng.sample(min(quota, count), from: count)
    }

    /// The rows drawn from each clip of `rowCounts` (the clips in plan order).
    static func draw(_ vocabulary: VideoPipelineSettings.Vocabulary, rowCounts: [Int]) -> [[Int]] {
        var sample = VocabularySample(vocabulary, clips: rowCounts.count)
        return rowCounts.map { sample.next(rows: $0) }
    }

    /// The draw of `plan`'s vocabulary settings over the row counts prepare recorded: for each training
    /// clip that has some, its row count and the rows drawn from it, by name.
    static func planned(_ plan: EvaluationPlan) -> [String: (rows: Int, drawn: [Int])] {
        let counted = plan.clips.filter { $0.subset == .train && $0.rows != nil }
        let drawn = draw(plan.settings.vocabulary, rowCounts: counted.map { $0.rows! })
        return Dictionary(uniqueKeysWithValues: zip(counted, drawn).map { ($0.name, ($0.rows!, $1)) })
    }
}
