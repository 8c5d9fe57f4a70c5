import Datasets
import Foundation
import Linalg
import Runs
import Support

/// What the `prepare` stage decided, written as `plan.json` in the output folder: the clips with
/// their files and labels, the fingerprint naming the cached descriptors, and the settings and
/// model they are computed with. The descriptor and finish stages read only this (and the cache),
/// so they can run as separate processes or cluster tasks sharing the folder.
public struct EvaluationPlan: Codable, Sendable {
    /// One clip to describe.
    public struct Clip: Codable, Sendable, Equatable {
        /// The clip's name (its file stem).
        public var name: String
        /// The video file (absolute path).
        public var file: String
        /// Trained on or tested on (`split` in plan.json).
        public var subset: Subset
        /// `labels[a]` is true when the clip shows `actions[a]`.
        public var labels: [Bool]
        /// The file as prepare found it (size, modification time, identity); nil in plans of older versions.
        public var stamp: FileStamp?
        /// A training clip's descriptors (super-blocks) as prepare counted them, which the vocabulary's
        /// sample is drawn from (`VocabularySample`); nil for test clips, a clip that gave none, and in
        /// plans of older versions.
        public var rows: Int?

        enum CodingKeys: String, CodingKey { case name, file, subset = "split", labels, stamp, rows }
    }

    /// Class (action) names, in the order of every clip's labels.
    public var actions: [String]
    /// True when every clip shows exactly one class (then the report adds accuracy and a confusion matrix).
    public var singleLabel: Bool
    /// The dataset's split evaluated (e.g. "1").
    public var splitName: String
    /// What a reader should know about the dataset.
    public var notes: [String]
    /// Training clips first, then test clips.
    public var clips: [Clip]
    /// Names the super-block PCA: model, decoding and descriptor settings, dataset.
    public var inputFingerprint: String
    /// Names the descriptor cache: the inputs and the super-block PCA.
    public var fingerprint: String
    /// The settings the plan was made with (decoding and descriptors must not change after it).
    public var settings: VideoPipelineSettings
    /// The model bundle folder (absolute path); empty when the descriptors are files (`ownDescriptors`).
    public var model: String
    /// What the report says about the model (kind, features, bundle, inference).
    public var modelSummary: ModelSummary
    /// The descriptor files used instead of a model (`evaluate --descriptors`), nil with a model.
    public var ownDescriptors: OwnDescriptors?
    /// The dataset's summary, for people.
    public var dataset: String
    /// The dataset's layout, e.g. "Hollywood2" or "UCF101"; nil in plans of older versions.
    public var layout: String?
    /// Settings the prepare stage could not use as given (a super-block PCA sample larger than the
    /// training clips hold), with the values used; nil in plans of older versions.
    public var adjustedSettings: [SettingAdjustment]?

    enum CodingKeys: String, CodingKey {
        case actions, singleLabel = "single_label", splitName = "split", notes, clips, inputFingerprint = "input_fingerprint", fingerprint, settings, model, modelSummary = "model_summary", ownDescriptors = "own_descriptors", dataset
        case adjustedSettings = "adjusted_settings", layout
    }

    /// The plan's file in an output folder.
    public static func file(in output: URL) -> URL { output.appendingPathComponent("plan.json") }

    /// The cache folder of an output folder.
    public static func cache(in output: URL) -> URL { output.appendingPathComponent("cache") }

    /// Reads the plan of `output`. Its settings are checked as a pipeline file's are: a hand-edited or
    /// damaged `plan.json` is refused with a `SettingError` naming the file and the setting
    /// (`settings.descriptors.superBlock`), so the stages that work from it get valid settings.
    public static func load(from output: URL) throws -> EvaluationPlan {
        let url = file(in: output)
        guard FileManager.default.fileExists(atPath: url.path) else { throw EvaluationError.missingPlan(path: url.path) }
        let plan: EvaluationPlan
        do { plan = try JSONProblem.decode(EvaluationPlan.self, from: Data(contentsOf: url)) } catch let SupportError.invalidJSON(problem)
            where problem.path.hasPrefix("\(CodingKeys.settings.rawValue).") {
            throw SettingError(file: url.path, setting: problem.path, reason: problem.reason)   // a value no setting can hold
        } catch {
            throw EvaluationError.unreadablePlan(path: url.path, reason: (error as? SupportError).map(\.description) ?? FileErrorReason.of(error))
        }
        do { try plan.settings.validate() } catch {
            throw SettingError(file: url.path, setting: "\(CodingKeys.settings.rawValue).\(error.setting)", reason: error.reason)
        }
        // Valid, but is it the plan prepare wrote? An edited or half-copied plan would make the
        // stages describe and score other clips or labels than the run's.
        if case let .invalid(reason) = CheckedFile.read(url) { throw EvaluationError.changedPlan(reason: reason) }
        return plan
    }

    /// Writes the plan into `output` atomically, with its checksum record.
    public func write(to output: URL) throws {
        try CheckedFile.write(try JSONEncoder.readable().encode(self), to: Self.file(in: output))
    }

    /// Refuses `clips` whose files are no longer the ones prepare planned with (replaced, rewritten,
    /// touched or gone), naming them: a stage that read them would mix two datasets in one result.
    public static func checkUnchanged(_ clips: [Clip], output: URL) throws {
        let changed = clips.filter { clip in clip.stamp == nil || FileStamp(path: clip.file) != clip.stamp }
        guard let first = changed.first else { return }
        let now = FileStamp(path: first.file).map { "\($0)" } ?? "missing"
        let detail = first.stamp.map { "\(first.file) was \($0) when prepared, now \(now)" }
            ?? "the plan records no stamp of \(first.file) (an older zae-video wrote it)"
        throw EvaluationError.datasetChanged(path: file(in: output).path, clips: changed.map(\.name), detail: detail)
    }

    /// Refuses settings whose decoding or descriptor part differs from the plan's.
    public func check(_ other: VideoPipelineSettings, output: URL) throws {
        let path = Self.file(in: output).path
        let encoder = JSONEncoder.canonical()
        if try encoder.encode(other.decoding) != encoder.encode(settings.decoding) { throw SettingError(file: path, setting: "decoding", reason: "differs from the settings the plan was prepared with; rerun evaluate --stage prepare with these settings, or use the plan\'s") }
        if try encoder.encode(other.descriptors) != encoder.encode(settings.descriptors) { throw SettingError(file: path, setting: "descriptors", reason: "differs from the settings the plan was prepared with; rerun evaluate --stage prepare with these settings, or use the plan\'s") }
    }

    /// The folder of the super-block PCA.
    public func reductionFolder(in output: URL) -> URL {
        Self.cache(in: output).appendingPathComponent("superblock-pca-\(inputFingerprint)")
    }

    /// The folder of every clip's descriptors.
    public func descriptorFolder(in output: URL) -> URL {
        Self.cache(in: output).appendingPathComponent("descriptors-\(fingerprint)")
    }

    /// The descriptor file of a clip.
    public func descriptorFile(_ clip: Clip, in output: URL) -> URL {
        descriptorFolder(in: output).appendingPathComponent("\(clip.name).npy")
    }

    /// The record of a clip that could not be described (its reason, one line).
    public func skippedFile(_ clip: Clip, in output: URL) -> URL {
        descriptorFolder(in: output).appendingPathComponent("\(clip.name).skipped")
    }

    /// The number of training clips (the rest are test clips).
    public var trainingClipCount: Int { clips.count(where: { $0.subset == .train }) }

    /// The positions (in `clips`) of a shard's clips.
    public func positions(in shard: ClipShard) -> [Int] { clips.indices.filter(shard.contains) }

    /// Where a clip stands, judged by the files present (without reading them).
    public enum ClipState: Equatable {
        /// Descriptors and their record are there.
        case described
        /// The clip could not be described, for this reason.
        case skipped(String)
        /// Described once, then dropped after finish (`DroppedDescriptors`).
        case dropped
        /// Not done yet.
        case missing
    }

    /// The state of `clip` in `output`.
    public func state(of clip: Clip, in output: URL) -> ClipState {
        let fm = FileManager.default
        let file = descriptorFile(clip, in: output)
        if fm.fileExists(atPath: file.path), fm.fileExists(atPath: CheckedFile.recordURL(of: file).path) { return .described }
        if let reason = try? String(contentsOf: skippedFile(clip, in: output), encoding: .utf8) { return .skipped(reason) }
        return DroppedDescriptors.isDropped(self, in: output) ? .dropped : .missing
    }

    /// The super-block PCA the plan was made with (nil for descriptor files used as they are);
    /// refuses one that is missing or damaged.
    func reductionIfAny(in output: URL) throws -> PCA? {
        if let ownDescriptors, !ownDescriptors.reduce { return nil }
        return try reduction(in: output)
    }

    /// The super-block PCA the plan was made with; refuses one that is missing or damaged.
    func reduction(in output: URL) throws -> PCA {
        let folder = reductionFolder(in: output)
        switch StoredReduction.read(folder) {
        case let .valid(fit): return fit.pca
        case .absent: throw EvaluationError.damagedPlan(path: folder.path, reason: "missing")
        case let .invalid(reason): throw EvaluationError.damagedPlan(path: folder.path, reason: reason)
        }
    }
}
