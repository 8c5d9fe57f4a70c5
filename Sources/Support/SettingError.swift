/// Why settings cannot be used, for every pipeline and command: the setting's path
/// (`model.training.epochs`; empty for the document as a whole), the reason, and the file it came
/// from when there is one. One line, naming all three.
public struct SettingError: Error, CustomStringConvertible, Equatable {
    /// The pipeline file, when the settings came from one.
    public var file: String?
    /// The setting's dotted path; empty when the whole document is at fault.
    public var setting: String
    /// What is wrong, in words.
    public var reason: String

    /// An error about `setting` (in `file`, if any).
    public init(file: String? = nil, setting: String, reason: String) {
        self.file = file
        self.setting = setting
        self.reason = reason
    }

    public var description: String {
        let what = setting.isEmpty ? reason : "setting \"\(setting)\" \(reason)"
        return file.map { "\($0): \(what)" } ?? "invalid \(what)"
    }
}

/// The one way settings types check their values: `require` throws a `SettingError` naming the
/// setting's full path; `nested` checks an embedded settings value under its key.
public struct SettingChecks: Sendable {
    private let prefix: String

    /// Checks of a top-level settings value (or of one embedded under `prefix`, e.g. `"model.training."`).
    public init(prefix: String = "") { self.prefix = prefix }

    /// Throws `SettingError` for `setting` with `reason` unless `condition` holds.
    public func require(_ condition: Bool, _ setting: String, _ reason: @autoclosure () -> String) throws(SettingError) {
        if !condition { throw SettingError(setting: prefix + setting, reason: reason()) }
    }

    /// Throws `SettingError` for `setting` unless `shape` holds 3 positive values (frames, height, width).
    public func requireShape(_ shape: some ShapeTriple, _ setting: String) throws(SettingError) {
        try require(shape.values.allSatisfy { $0 >= 1 }, setting, "must be 3 positive values (frames, height, width), got \(shape.values)")
    }

    /// The checks of the settings value embedded under `key`.
    public func nested(_ key: String) -> SettingChecks { SettingChecks(prefix: prefix + key + ".") }
}
