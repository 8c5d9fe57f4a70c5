/// A setting a run could not use as given, and the value it ran with instead (for example more
/// vocabulary words than training descriptors to cluster): reports record it beside the requested
/// settings, so they say what ran.
public struct SettingAdjustment: Codable, Sendable, Equatable {
    /// The setting's path in a pipeline file, e.g. `vocabulary.words`.
    public var setting: String
    /// The value the settings asked for.
    public var requested: Int
    /// The value the run used.
    public var used: Int
    /// Why, in words.
    public var reason: String

    /// The adjustment of `setting` when `used` differs from `requested`, else nil.
    package static func ifChanged(_ setting: String, requested: Int, used: Int, reason: String) -> SettingAdjustment? {
        requested == used ? nil : SettingAdjustment(setting: setting, requested: requested, used: used, reason: reason)
    }

    /// One sentence for report.md.
    public var sentence: String {
        "\(setting) asked for \(requested), the run used \(used): \(reason)"
    }
}
