import Datasets
import Foundation
import Runs
import Support

/// The labelled image datasets the image study reads, with where each is found and what to do
/// when it is not there.
public enum ImageDataset: String, SettingChoice, Sendable {
    /// CIFAR-10, binary version: 50,000 training and 10,000 test colour images of 32 x 32.
    case cifar10
    /// Fashion-MNIST: 60,000 training and 10,000 test gray images of 28 x 28.
    case fashionMNIST = "fashion-mnist"

    /// Where the data is looked for when no root is given (none for CIFAR-10: the user has it somewhere).
    public var defaultRoot: URL? {
        switch self {
        case .cifar10: return nil
        case .fashionMNIST: return FashionMNIST.defaultRoot
        }
    }

    /// The centre-crop sizes of the patch-size study: the paper's 10, 15, 20, 25 and the full 32
    /// for CIFAR-10; for the 28 x 28 Fashion-MNIST images the same steps ending at the full 28.
    public var defaultPatchSizes: [Int] {
        switch self {
        case .cifar10: return [10, 15, 20, 25, 32]
        case .fashionMNIST: return [10, 15, 20, 25, 28]
        }
    }

    /// How to get the data, one sentence.
    var howToGet: String {
        switch self {
        case .cifar10:
            return "download the CIFAR-10 binary version (cifar-10-binary.tar.gz) from https://www.cs.toronto.edu/~kriz/cifar.html, "
                + "unpack it and pass the cifar-10-batches-bin folder (or its parent) as --root"
        case .fashionMNIST:
            return "install it with `apt-get install dataset-fashion-mnist` (it goes to \(FashionMNIST.defaultRoot.path)) "
                + "or pass a folder holding the IDX files as --root"
        }
    }

    /// The training and test sets under `root` (empty: `defaultRoot`).
    ///
    /// - Throws: `StudyError.missingData` naming the path and how to get the data when
    ///   there is no root or it does not exist; the reader's `DatasetError` for a bad file.
    public func load(root: String) throws -> TrainTestSplit {
        guard let folder = root.isEmpty ? defaultRoot : URL(fileURLWithPath: root) else {
            throw StudyError.missingData("CIFAR-10 has no default location: \(howToGet)")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw StudyError.missingData("\(folder.path): no such folder; \(howToGet)")
        }
        switch self {
        case .cifar10: return try CIFAR10Reader.load(root: folder)
        case .fashionMNIST: return try FashionMNIST.load(root: folder)
        }
    }
}
