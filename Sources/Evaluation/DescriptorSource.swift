import Foundation

/// Where an evaluation's super-block descriptors come from.
public enum DescriptorSource: Sendable, Equatable {
    /// A model bundle folder (from `zae-video learn`): its codes of every super-block.
    case model(URL)
    /// Per-clip descriptor files made by any tool (`evaluate --descriptors DIR`, `OwnDescriptors`),
    /// through the whitened super-block PCA when `reduce` is set, as they are otherwise.
    case files(folder: URL, reduce: Bool)
}
