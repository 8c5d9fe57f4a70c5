/// One of N equal parts of a recognition plan's clips, for running the descriptor stage as N
/// independent tasks: shard I of N takes the clips whose index in the plan is I modulo N.
///
/// The plan lists the training clips then the test clips, each sorted by name, so the modulo rule
/// spreads both splits (and clips of similar length, which tend to have neighbouring names) evenly
/// over the shards without reading any clip first.
public struct ClipShard: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The shard's index, `0..<count`.
    public let index: Int
    /// How many shards the clips are split into.
    public let count: Int

    /// The whole plan as one shard.
    public static let whole = ClipShard(validIndex: 0, count: 1)

    private init(validIndex: Int, count: Int) {
        self.index = validIndex
        self.count = count
    }

    /// Shard `index` of `count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else { throw EvaluationError.invalidShard("\(index)/\(count)") }
        self.init(validIndex: index, count: count)
    }

    /// Parses `I/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw EvaluationError.invalidShard(text) }
        do { try self.init(index: index, count: count) } catch { throw EvaluationError.invalidShard(text) }
    }

    /// True when the clip at `position` of the plan belongs to this shard.
    public func contains(_ position: Int) -> Bool { position % count == index }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}
