/// A labelled dataset's training and test parts, as its authors split it.
public struct TrainTestSplit: Equatable, Sendable {
    /// The training images.
    public let training: LabelledImages
    /// The test images.
    public let test: LabelledImages

    /// A split of the given parts.
    public init(training: LabelledImages, test: LabelledImages) {
        self.training = training
        self.test = test
    }
}
