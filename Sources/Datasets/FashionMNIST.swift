import Foundation

/// Loads Fashion-MNIST (or MNIST, which uses the same file names) from a folder of IDX files.
///
/// The files are `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`
/// and `t10k-labels-idx1-ubyte`, each plain or with a `.gz` suffix: 60,000 training and 10,000
/// test images of 28 x 28 gray pixels, labels 0...9.
public enum FashionMNIST {
    /// Where the Debian package `dataset-fashion-mnist` installs the gzip-compressed files.
    public static let defaultRoot = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")

    /// The training and test sets in `root`.
    public static func load(root: URL = defaultRoot) throws(DatasetError) -> TrainTestSplit {
        func file(_ stem: String) -> URL {
            let plain = root.appendingPathComponent(stem)
            let compressed = root.appendingPathComponent(stem + ".gz")
            return FileManager.default.fileExists(atPath: plain.path) ? plain : compressed
        }
        let training = try IDXReader.readLabelledImages(images: file("train-images-idx3-ubyte"), labels: file("train-labels-idx1-ubyte"))
        let test = try IDXReader.readLabelledImages(images: file("t10k-images-idx3-ubyte"), labels: file("t10k-labels-idx1-ubyte"))
        return TrainTestSplit(training: training, test: test)
    }
}
