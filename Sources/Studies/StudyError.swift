import Datasets

/// Why a study cannot start or finish: a learn run, an image study, the random-dots experiment or
/// a model's filters. Settings that cannot be used are `SettingError`s, not cases here.
public enum StudyError: Error, CustomStringConvertible {
    /// `learn --out` holds another model kind or other files.
    case outputOccupied(path: String, holds: String)
    /// `learn --out` is a file.
    case outputIsFile(path: String)
    /// No clip gave training blocks.
    case noBlocks(skipped: [SkippedItem])
    /// The image dataset is not where it was looked for; the message says how to get it.
    case missingData(String)
    /// The random-dots output folder cannot be created or written.
    case unwritableOutput(path: String, reason: String)
    /// A model's filters cannot be drawn.
    case filters(String)

    public var description: String {
        switch self {
        case let .outputOccupied(path, holds):
            return "\(path) already holds \(holds); choose another --out or pass --force to replace it"
        case let .outputIsFile(path):
            return "\(path) is a file, not a model bundle folder; choose another --out or pass --force to replace it"
        case let .noBlocks(skipped):
            return "no usable training clips (\(skipped.count) skipped)" + (skipped.first.map { "; first: \($0)" } ?? "")
        case let .missingData(message): return message
        case let .unwritableOutput(path, reason): return "rotdots: cannot write to \(path): \(reason)"
        case let .filters(reason): return reason
        }
    }
}
