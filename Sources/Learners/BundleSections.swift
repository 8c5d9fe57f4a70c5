import Support

extension ModelBundle {
    /// How raw video blocks became the model's input: the block, its preprocessing and how the stored
    /// PCA whitens it. `evaluate` rebuilds exactly this path and refuses settings that differ.
    public struct Preprocessing: Codable, Sendable, Equatable {
        /// How the whitening PCA is applied.
        public enum Whitening: String, SettingChoice, Sendable {
            /// One PCA over the whole block.
            case block
            /// One PCA applied to every frame of the block on its own.
            case perFrame = "per-frame"
        }

        /// The raw block: frames, height, width.
        public var blockShape: [Int]
        /// Whether each block's mean was removed.
        public var removeDC: Bool
        /// Whether each block was divided by its standard deviation.
        public var contrastNormalize: Bool
        /// How the PCA whitens.
        public var whitening: Whitening

        /// A preprocessing section.
        public init(blockShape: [Int], removeDC: Bool, contrastNormalize: Bool, whitening: Whitening) {
            self.blockShape = blockShape
            self.removeDC = removeDC
            self.contrastNormalize = contrastNormalize
            self.whitening = whitening
        }
    }

    /// How frames were decoded before blocks were cut.
    public struct Decoding: Codable, Sendable, Equatable {
        /// Whether frames were scaled to half size.
        public var halfSize: Bool
        /// Frames were centre-cropped to multiples of this.
        public var cropMultiple: Int

        /// A decoding section.
        public init(halfSize: Bool, cropMultiple: Int) {
            self.halfSize = halfSize
            self.cropMultiple = cropMultiple
        }
    }

    /// What the model was trained on.
    public struct TrainingData: Codable, Sendable, Equatable {
        /// The data source as given (`--data`).
        public var source: String
        /// Training blocks (rows) the model saw.
        public var blocks: Int
        /// The time and peak resident memory of each step of the learn run (sampling, whitening,
        /// training); absent in bundles written before they were recorded.
        public var steps: [MeasuredStep]?

        enum CodingKeys: String, CodingKey { case source, blocks, steps = "stages" }

        /// A training-data section.
        public init(source: String, blocks: Int, steps: [MeasuredStep]? = nil) {
            self.source = source
            self.blocks = blocks
            self.steps = steps
        }
    }
}
