import Foundation
import Runs

/// One clip's prediction as people and programs read it: the classes ranked by score (highest
/// first, the top K when asked), the winning class for single-label runs, or why it failed.
public struct RankedPrediction: Codable, Sendable, Equatable {
    /// A class and its one-vs-rest decision value.
    public struct Score: Codable, Sendable, Equatable {
        /// The class.
        public var action: String
        /// Its decision value (larger: more confident).
        public var score: Double
    }

    /// The video file.
    public var clip: String
    /// The winning class (single-label runs only).
    public var predicted: String?
    /// Classes by descending score (ties in class order).
    public var ranking: [Score]
    /// Why the clip could not be scored.
    public var error: String?

    /// Ranks `outcome`'s scores over `recogniser`'s classes, keeping the `top` best (all when nil).
    public init(_ outcome: ClipPrediction.Outcome, recogniser: Recogniser, top: Int? = nil) {
        clip = outcome.clip
        error = outcome.failure
        let scores = outcome.scores ?? []
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        ranking = order.prefix(top ?? order.count).map { Score(action: recogniser.actions[$0], score: scores[$0]) }
        predicted = recogniser.singleLabel ? order.first.map { recogniser.actions[$0] } : nil
    }

    /// One line: `clip: action score, action score, ...` (with the winner first for single-label runs), or the error.
    public var line: String {
        if let error { return error.hasPrefix(clip) ? "skipped \(error)" : "skipped \(clip): \(error)" }
        let scores = ranking.map { "\($0.action) \(String(format: "%.4f", $0.score))" }.joined(separator: ", ")
        return "\(clip): " + (predicted.map { "\($0)  (" + scores + ")" } ?? scores)
    }
}
