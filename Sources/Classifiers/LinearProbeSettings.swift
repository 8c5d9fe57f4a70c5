import Support

extension LinearProbe {
    /// The logistic regression on top of fixed features: the costs to choose from and how.
    public struct Settings: Codable, Sendable, Equatable {
        /// How features are scaled before cross-validation, by statistics of the training rows.
        public enum Scaling: String, SettingChoice, Sendable {
            /// Every feature divided by one number, the training features' root mean square.
            case rootMeanSquare
            /// Each feature centred and scaled to unit variance (a constant one only centred).
            case standardize
        }

        /// How features are scaled.
        public var scaling = Scaling.rootMeanSquare
        /// The costs C cross-validation chooses from (on the features after `scaling`).
        public var costs = CostSelection.defaultCosts
        /// Cross-validation tries the costs from the smallest up and stops after this many in a row
        /// score below the best so far (0: tries them all).
        public var patience = 1
        /// Cross-validation folds.
        public var folds = 3
        /// Training rows cross-validation draws from (the paper's 10,000 images).
        public var crossValidationImages = 10_000
        /// Training rows the final classifier is fit on (0: all).
        public var fitImages = 0

        /// The paper's settings.
        public init() {}
    }
}
