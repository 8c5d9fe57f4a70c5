import Linalg

/// Images as rows of pixel values, each with a class label.
///
/// A row holds `channels` planes one after the other, each plane `height x width` row-major
/// (the CIFAR-10 layout; gray images have one plane). Pixel values are as stored, 0...255.
public struct LabelledImages: Equatable, Sendable {
    /// `count x (channels * height * width)` pixel values.
    public let images: Matrix
    /// The class of each row.
    public let labels: [Int]
    /// Number of colour planes per image.
    public let channels: Int
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int

    /// Images over `images`, whose rows must hold `channels * height * width` values, one label per row.
    public init(images: Matrix, labels: [Int], channels: Int, height: Int, width: Int) {
        precondition(images.rows == labels.count, "\(images.rows) images but \(labels.count) labels")
        precondition(images.cols == channels * height * width,
                     "rows of \(images.cols) values are not \(channels) x \(height) x \(width) images")
        self.images = images
        self.labels = labels
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// Number of images.
    public var count: Int { labels.count }

    /// The images at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabelledImages {
        LabelledImages(images: images.rows(at: indices), labels: indices.map { labels[$0] },
                       channels: channels, height: height, width: width)
    }

    /// The central `size x size` window of every plane of every image (the patch-size study).
    ///
    /// The window starts at row `(height - size) / 2` and column `(width - size) / 2`.
    public func centreCropped(to size: Int) throws(DatasetError) -> LabelledImages {
        guard size >= 1, size <= height, size <= width else {
            throw .invalidRequest(reason: "cannot crop \(size) x \(size) pixels from \(height) x \(width) images")
        }
        let top = (height - size) / 2, left = (width - size) / 2
        let planeIn = height * width, planeOut = size * size
        let (channels, width) = (self.channels, self.width)
        var out = Matrix(rows: count, cols: channels * planeOut)
        images.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for r in 0..<count {
                    for c in 0..<channels {
                        let planeStart = (r * channels + c) * planeIn
                        let outStart = (r * channels + c) * planeOut
                        for y in 0..<size {
                            let from = src.baseAddress! + planeStart + (top + y) * width + left
                            (dst.baseAddress! + outStart + y * size).update(from: from, count: size)
                        }
                    }
                }
            }
        }
        return LabelledImages(images: out, labels: labels, channels: channels, height: size, width: size)
    }
}
