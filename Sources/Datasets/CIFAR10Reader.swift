import Foundation
import Linalg

/// Reads the CIFAR-10 binary batches (`cifar-10-batches-bin`).
///
/// A batch is a sequence of 3,073-byte records: one label byte (0...9), then 3,072 pixel bytes,
/// the red plane, the green, the blue, each 32 x 32 row-major. Images come back as
/// `LabelledImages` with 3 planes of 32 x 32 values 0...255, in file order.
public enum CIFAR10Reader {
    /// Bytes per record: the label and the three planes.
    public static let recordSize = 1 + imageSize
    /// Pixel bytes per image.
    public static let imageSize = 3 * 32 * 32
    /// The training batch file names, in the order they are concatenated.
    public static let trainingBatchNames = (1...5).map { "data_batch_\($0).bin" }
    /// The test batch file name.
    public static let testBatchName = "test_batch.bin"

    /// The training (all five batches, 50,000 images) and test (10,000 images) sets under `root`.
    ///
    /// `root` is the folder holding the batch files, or its parent when that holds a
    /// `cifar-10-batches-bin` folder (the layout of the unpacked archive).
    public static func load(root: URL) throws(DatasetError) -> TrainTestSplit {
        let unpacked = root.appendingPathComponent("cifar-10-batches-bin")
        let folder = FileManager.default.fileExists(atPath: unpacked.appendingPathComponent(testBatchName).path) ? unpacked : root
        let training = try readBatches(trainingBatchNames.map { folder.appendingPathComponent($0) }, what: "CIFAR-10 training batch")
        let test = try readBatches([folder.appendingPathComponent(testBatchName)], what: "CIFAR-10 test set")
        return TrainTestSplit(training: training, test: test)
    }

    /// The records of the batch files at `urls`, concatenated in order.
    public static func readBatches(_ urls: [URL], what: String = "CIFAR-10 batch") throws(DatasetError) -> LabelledImages {
        var labels: [Int] = []
        var pixels: [Float] = []
        for url in urls {
            let bytes = try DatasetFile.bytes(at: url, what: what)
            guard !bytes.isEmpty, bytes.count % recordSize == 0 else {
                throw .malformed(path: url.path, reason: "size \(bytes.count) bytes is not a positive multiple of the \(recordSize)-byte record")
            }
            let records = bytes.count / recordSize
            labels.reserveCapacity(labels.count + records)
            pixels.reserveCapacity(pixels.count + records * imageSize)
            let badRecord: (index: Int, label: Int)? = bytes.withUnsafeBytes { raw in
                let p = raw.bindMemory(to: UInt8.self)
                for r in 0..<records {
                    let label = Int(p[r * recordSize])
                    guard label < 10 else { return (r, label) }
                    labels.append(label)
                    let start = r * recordSize + 1
                    pixels.append(contentsOf: p[start..<(start + imageSize)].lazy.map(Float.init))
                }
                return nil
            }
            if let (index, label) = badRecord {
                throw .malformed(path: url.path, reason: "record \(index) has label \(label), outside 0...9")
            }
        }
        return LabelledImages(images: Matrix(rows: labels.count, cols: imageSize, storage: pixels),
                              labels: labels, channels: 3, height: 32, width: 32)
    }
}
