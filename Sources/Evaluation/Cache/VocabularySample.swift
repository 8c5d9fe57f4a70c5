import Linalg
import Runs
import Support

/// Which descriptors the vocabulary (and the Fisher vectors' GMM) is fit on: from each training
/// clip, `min(quota, rows)` of its rows drawn without replacement, `quota = ceil(vocabulary.sample /
/// training clips of the plan)`, by a generator seeded from `vocabulary.seed` and the clip's name.
///
/// A clip's rows depend on nothing but the clip (not on the other clips' sizes, nor on which were
/// skipped), so the descriptor stage knows them when it writes the clip: beside a 16-bit cache it
/// stores exactly these rows in float32, and finish fits the vocabulary on the same values whatever
/// the cache's precision (`descriptors.storage`).
struct VocabularySample: Equatable {
    /// Rows drawn from each clip at most.
    var quota: Int
    /// `vocabulary.seed`.
    var seed: Int

    /// Names the scheme in the vocabulary's and GMM's cache fingerprints: a model fit on another draw
    /// (an older zae-video drew one stream across the clips) is never read as this one.
    static let scheme = "vocabulary sample: per clip, seeded by the clip's name"

    /// The sample of `vocabulary`'s settings over a plan of `trainingClips` training clips.
    init(_ vocabulary: VideoPipelineSettings.Vocabulary, trainingClips: Int) {
        quota = (vocabulary.sample + trainingClips - 1) / max(trainingClips, 1)
        seed = vocabulary.seed
    }

    /// The rows drawn from the clip `name` of `count` rows, in the order drawn.
    func rows(ofClip name: String, count: Int) -> [Int] {
        var print = Fingerprint()
        print.combine("\(seed)")
        print.combine(name)
        var rng = SeededRandom(seed: print.value)
        return rng.sample(min(quota, count), from: count)
    }
}
