import Linalg
import Support

/// The size of a spatio-temporal block: frames x height x width, flattened in (t, y, x) order; in
/// settings and JSON the list `[frames, height, width]`.
public struct BlockShape: ShapeTriple, Sendable, Hashable {
    /// Frames.
    public var frames: Int
    /// Height in pixels.
    public var height: Int
    /// Width in pixels.
    public var width: Int

    /// A block of `frames x height x width`.
    public init(frames: Int, height: Int, width: Int) {
        self.frames = frames
        self.height = height
        self.width = width
    }

    /// The paper's 10 x 16 x 16 blocks.
    public static let paper = BlockShape(frames: 10, height: 16, width: 16)

    /// Values per flattened block.
    public var dimension: Int { frames * height * width }
}

/// What is done to every raw block (or whole image, in the image pipeline) before whitening, the
/// same at training and at recognition time.
public struct BlockPreprocessing: Codable, Sendable, Equatable {
    /// Subtract each block's mean (its DC component).
    public var removeDC: Bool
    /// After DC removal, divide each block by `sqrt(variance + 10)` (Coates and Ng's contrast
    /// normalisation for 0...255 pixel values).
    public var contrastNormalize: Bool

    /// The preprocessing with the given steps.
    public init(removeDC: Bool = true, contrastNormalize: Bool = false) {
        self.removeDC = removeDC
        self.contrastNormalize = contrastNormalize
    }

    /// The variance floor of contrast normalisation, in squared grey levels.
    public static let contrastEpsilon: Float = 10

    /// Applies the steps to each row of `blocks` in place.
    public func apply(to blocks: inout Matrix) {
        let (rows, cols) = (blocks.rows, blocks.cols)
        blocks.storage.withUnsafeMutableBufferPointer { apply(rows: $0.baseAddress!, count: rows, dimension: cols) }
    }

    /// Applies the steps in place to `count` rows of `dimension` values stored contiguously at `rows`.
    public func apply(rows: UnsafeMutablePointer<Float>, count: Int, dimension d: Int) {
        guard removeDC || contrastNormalize else { return }
        for r in 0..<count {
            let row = rows + r * d
            let mean = vectorSum(row, count: d) / Float(d)
            if removeDC { for i in 0..<d { row[i] -= mean } }
            if contrastNormalize {
                let center: Float = removeDC ? 0 : mean
                let variance = removeDC ? squaredNorm(row, count: d) / Float(d) : max(0, squaredNorm(row, count: d) / Float(d) - mean * mean)
                let scale = 1 / (variance + Self.contrastEpsilon).squareRoot()
                for i in 0..<d { row[i] = (row[i] - center) * scale }
            }
        }
    }
}
