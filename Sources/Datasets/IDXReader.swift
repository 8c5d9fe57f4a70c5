import Foundation
import Linalg

/// Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
///
/// An IDX file starts with the magic number `00 00 08 n` (unsigned bytes, n dimensions), then n
/// big-endian 32-bit sizes, then the data in C order. Only unsigned-byte data is supported: the
/// image and label files of both datasets use it.
public enum IDXReader {
    /// The shape and bytes of the IDX file at `url`. The sizes the header promises are checked
    /// against the file (and bound a gzip-compressed file's decompression) before anything is allocated.
    public static func read(_ url: URL) throws(DatasetError) -> (shape: [Int], bytes: [UInt8]) {
        let data = [UInt8](try DatasetFile.bytes(at: url, what: "IDX file") { (prefix) throws(DatasetError) in
            try header([UInt8](prefix.prefix(4 + 4 * 255)), path: url.path, complete: false).map { $0.size + $0.dataSize }
        })
        guard let (shape, headerSize, expected) = try header(data, path: url.path, complete: true) else {
            throw .malformed(path: url.path, reason: "truncated: \(data.count) bytes, shorter than the IDX header")
        }
        guard data.count - headerSize == expected else {
            let problem = data.count - headerSize < expected ? "truncated" : "trailing bytes"
            throw .malformed(path: url.path, reason: "\(problem): shape \(shape) needs \(expected) data bytes, found \(data.count - headerSize)")
        }
        return (shape, Array(data[headerSize...]))
    }

    /// The header at the start of `bytes`: shape, header size and data size, or nil when `bytes`
    /// are too short to hold it (an error instead when `complete`, i.e. `bytes` are the whole file).
    static func header(_ bytes: [UInt8], path: String, complete: Bool) throws(DatasetError) -> (shape: [Int], size: Int, dataSize: Int)? {
        guard bytes.count >= 4 else { return nil }
        guard bytes[0] == 0, bytes[1] == 0, bytes[2] == 0x08, bytes[3] >= 1 else {
            let magic = bytes[0..<4].map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
            throw .malformed(path: path, reason: "wrong magic number 0x\(magic): expected 0x000008nn (unsigned-byte IDX data)")
        }
        let dimensions = Int(bytes[3])
        let size = 4 + 4 * dimensions
        guard bytes.count >= size else {
            guard complete else { return nil }
            throw .malformed(path: path, reason: "truncated: \(bytes.count) bytes, the header of \(dimensions) dimensions needs \(size)")
        }
        let shape = (0..<dimensions).map { d in
            (0..<4).reduce(0) { $0 << 8 | Int(bytes[4 + 4 * d + $1]) }
        }
        var dataSize = 1
        for extent in shape {
            let (product, overflow) = dataSize.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw .malformed(path: path, reason: "shape \(shape) promises more data than any file can hold (a damaged header)")
            }
            dataSize = product
        }
        return (shape, size, dataSize)
    }

    /// The images of an IDX image file (`count x height x width`) paired with the labels of an IDX
    /// label file (`count`), as one-plane `LabelledImages`.
    public static func readLabelledImages(images imagesURL: URL, labels labelsURL: URL) throws(DatasetError) -> LabelledImages {
        let images = try read(imagesURL)
        guard images.shape.count == 3 else {
            throw .malformed(path: imagesURL.path, reason: "expected 3 dimensions (count, height, width), found shape \(images.shape)")
        }
        let labels = try read(labelsURL)
        guard labels.shape.count == 1 else {
            throw .malformed(path: labelsURL.path, reason: "expected 1 dimension (count), found shape \(labels.shape)")
        }
        guard labels.shape[0] == images.shape[0] else {
            throw .malformed(path: labelsURL.path, reason: "\(labels.shape[0]) labels for the \(images.shape[0]) images of \(imagesURL.lastPathComponent)")
        }
        let (count, height, width) = (images.shape[0], images.shape[1], images.shape[2])
        let pixels = [Float](unsafeUninitializedCapacity: images.bytes.count) { buffer, initialized in
            images.bytes.withUnsafeBufferPointer { bytes in
                for i in bytes.indices { buffer[i] = Float(bytes[i]) }
            }
            initialized = images.bytes.count
        }
        return LabelledImages(images: Matrix(rows: count, cols: height * width, storage: pixels),
                              labels: labels.bytes.map(Int.init), channels: 1, height: height, width: width)
    }
}
