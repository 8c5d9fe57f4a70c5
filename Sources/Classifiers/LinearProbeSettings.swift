extension LinearProbe {
    /// The logistic regression on top of fixed features: the costs to choose from and how.
    public struct Settings: Codable, Sendable, Equatable {
        /// The costs C cross-validation chooses from (features are scaled to unit mean square first).
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
