import Datasets
import Foundation

/// Why an evaluation, one of its stages, its plan or its cluster submission cannot go on. Settings
/// that cannot be used are `SettingError`s, not cases here.
public enum EvaluationError: Error, CustomStringConvertible {
    /// The model bundle cannot be used with these settings.
    case bundle(path: String, reason: String)
    /// No clip of a subset gave descriptors.
    case noDescriptors(Subset)
    /// An action's classifier could not be trained.
    case action(name: String, reason: String)
    /// Clips have no descriptors yet; `shards` hold them (empty when no descriptor stage ran).
    case missingClips(count: Int, total: Int, shards: [ClipShard])
    /// A descriptor file changed after it was checked; it was removed.
    case damagedDescriptors(reason: String)
    /// Descriptors could not be written.
    case unwritable(String)
    /// The output folder holds files that are not a zae-video output.
    case foreignOutput(path: String)
    /// No `plan.json` yet.
    case missingPlan(path: String)
    /// `plan.json` cannot be parsed.
    case unreadablePlan(path: String, reason: String)
    /// The plan's super-block PCA is missing or damaged.
    case damagedPlan(path: String, reason: String)
    /// Clips' files changed since the plan was made.
    case datasetChanged(path: String, clips: [String], detail: String)
    /// `plan.json` is not what prepare wrote (edited, damaged, or without its record).
    case changedPlan(reason: String)
    /// The training clips gave too few super-blocks for the super-block PCA (`why`: which clips gave none and why).
    case tooFewSuperBlocks(got: Int, dimensions: Int, why: String)
    /// `status` was given a path that is not an output folder (missing, a file, ...).
    case notAnOutput(path: String, what: String)
    /// A value a Slurm batch script cannot be written from (`SlurmValue`).
    case slurmValue(flag: String, value: String, reason: String)
    /// A shard given as text is not `I/N` with `0 <= I < N`.
    case invalidShard(String)
    /// A Slurm command failed.
    case slurm(command: String, message: String)
    /// A run's recogniser (its folder or one of its files) cannot be used.
    case recogniser(path: String, reason: String)
    /// extract was given neither a bundle nor a run to take it from.
    case noModel
    /// extract's `--model` names another bundle than the run was made with.
    case otherModel(given: String, run: String)
    /// extract's output folder holds features made otherwise.
    case otherFolder(path: String, reason: String)
    /// A clip's extracted features could not be written.
    case unwritableFeatures(String)
    /// A clip's own descriptors (`evaluate --descriptors`) cannot be used: the clip, the file and why.
    case ownDescriptors(clip: String, path: String, reason: String)
    /// `evaluate --descriptors` was given a setting its files cannot serve (a pyramid without positions).
    case ownDescriptorSetting(path: String, reason: String)

    public var description: String {
        switch self {
        case let .bundle(path, reason): return "\(path): \(reason)"
        case let .noDescriptors(subset): return "no \(subset == .train ? "training" : "test") clip gave descriptors; nothing to evaluate"
        case let .action(name, reason): return "action \(name): \(reason)"
        case let .missingClips(count, total, shards) where shards.isEmpty:
            return "\(count) of \(total) clips have no descriptors; run evaluate --stage descriptors first"
        case let .missingClips(count, total, shards):
            return "\(count) of \(total) clips have no descriptors; rerun evaluate --stage descriptors for shard"
                + "\(shards.count == 1 ? "" : "s") \(shards.map(\.description).joined(separator: ", ")) (or the same slurm command)"
        case let .damagedDescriptors(reason):
            return "\(reason); removed it: rerun evaluate --stage descriptors (or the same command) to compute it again"
        case let .unwritable(reason): return reason
        case let .foreignOutput(path):
            return "\(path) holds files that are not a zae-video evaluation; choose another --out or pass --force to write there"
        case let .missingPlan(path): return "\(path): no plan; run evaluate --stage prepare with the same --out first"
        case let .unreadablePlan(path, reason): return "\(path): not a valid plan: \(reason)"
        case let .damagedPlan(path, reason):
            return "\(path): the plan's super-block PCA cannot be used (\(reason)); rerun evaluate --stage prepare"
        case let .datasetChanged(path, clips, detail):
            let names = clips.prefix(5).joined(separator: ", ") + (clips.count > 5 ? ", ..." : "")
            return "the dataset changed under the run (\(path)): \(clips.count) clip\(clips.count == 1 ? "" : "s") (\(names)) "
                + "\(clips.count == 1 ? "differs" : "differ") (\(detail)); run evaluate --stage prepare again (or the whole evaluate) to evaluate the data as it is now"
        case let .changedPlan(reason): return "\(reason): not the plan evaluate --stage prepare wrote; run it again"
        case let .tooFewSuperBlocks(got, dimensions, why):
            return "the training clips gave \(got) super-blocks, and the super-block PCA keeping \(dimensions) dimensions "
                + "(descriptors.pcaDimensions) needs more\(why)"
        case let .notAnOutput(path, what): return "\(path): \(what), not an evaluate --out folder"
        case let .slurmValue(flag, value, reason): return "\(flag) \(String(reflecting: value)): \(reason)"
        case let .invalidShard(text): return "shard \"\(text)\" is not I/N with 0 <= I < N (for example 0/4)"
        case let .slurm(command, message): return "\(command): \(message)"
        case let .recogniser(path, reason): return "\(path): \(reason)"
        case .noModel: return "extract needs --model DIR (a bundle from zae-video learn) or --reduce-with RUN_DIR (an evaluate output folder)"
        case let .otherModel(given, run):
            return "--model \(given) is not the bundle \(run) the run given to --reduce-with was made with; leave --model out to use the run's"
        case let .otherFolder(path, reason): return "\(path): \(reason)"
        case let .unwritableFeatures(reason): return "cannot write features: \(reason)"
        case let .ownDescriptors(clip, path, reason): return "clip \(clip): \(path): \(reason)"
        case let .ownDescriptorSetting(path, reason): return "\(path): \(reason)"
        }
    }
}
