/// The part of a dataset's split a clip belongs to: trained on, or tested on.
public enum Subset: String, Codable, Sendable, CaseIterable {
    /// A training clip.
    case train
    /// A test clip.
    case test
}
