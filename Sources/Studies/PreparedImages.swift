import Datasets
import Linalg
import Runs

/// Training and test images made ready for the image study at one input size: centre-cropped,
/// contrast-normalised per image (the pixel baseline's input), and projected by a PCA fit on the
/// training images that keeps a fraction of the variance, whitened or not (the learners' input).
struct PreparedImages {
    /// The crop size (the image size when uncropped).
    let patch: Int
    /// Contrast-normalised training pixels, one image per row.
    let trainingPixels: Matrix
    /// Contrast-normalised test pixels.
    let testPixels: Matrix
    /// The PCA codes of the training images.
    let trainingCodes: Matrix
    /// The PCA codes of the test images.
    let testCodes: Matrix
    /// The training labels.
    let trainingLabels: [Int]
    /// The test labels.
    let testLabels: [Int]
    /// The PCA.
    let pca: PCA

    /// Crops `training` and `test` to `patch` (when smaller than the images), normalises and projects them.
    init(training: LabelledImages, test: LabelledImages, patch: Int, settings: ImageStudy.Settings) throws {
        let (training, test) = patch < min(training.height, training.width)
            ? (try training.centreCropped(to: patch), try test.centreCropped(to: patch)) : (training, test)
        self.patch = patch
        // Per-image contrast normalisation, the same row kernel the video blocks use.
        let normalization = BlockPreprocessing(removeDC: true, contrastNormalize: true)
        var trainingPixels = training.images, testPixels = test.images
        normalization.apply(to: &trainingPixels)
        normalization.apply(to: &testPixels)
        self.trainingPixels = trainingPixels
        self.testPixels = testPixels
        pca = try PCA.fit(trainingPixels, keep: .varianceFraction(settings.varianceFraction), whiten: settings.whitening,
                          regularization: Float(settings.whiteningRegularization))
        trainingCodes = pca.transform(trainingPixels)
        testCodes = pca.transform(testPixels)
        trainingLabels = training.labels
        testLabels = test.labels
    }
}
