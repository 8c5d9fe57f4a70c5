/// A stack of equally sized gray frames, `frameCount x height x width`, as `Float` pixel values
/// (0...255 as decoded), stored frame after frame, each frame row-major.
///
/// This is what the pipeline works on after decoding: spatio-temporal blocks are cut from it.
public struct FrameVolume: Equatable, Sendable {
    /// Number of frames (T).
    public let frameCount: Int
    /// Frame height in pixels (H).
    public let height: Int
    /// Frame width in pixels (W).
    public let width: Int
    /// The voxels, index `(t * height + y) * width + x`.
    public var voxels: [Float]

    /// A volume over `voxels`, which must hold `frameCount * height * width` values.
    public init(frameCount: Int, height: Int, width: Int, voxels: [Float]) {
        precondition(voxels.count == frameCount * height * width,
                     "volume of \(frameCount) x \(height) x \(width) needs \(frameCount * height * width) voxels, got \(voxels.count)")
        self.frameCount = frameCount
        self.height = height
        self.width = width
        self.voxels = voxels
    }

    /// A zero volume of the given size.
    public init(frameCount: Int, height: Int, width: Int) {
        self.init(frameCount: frameCount, height: height, width: width,
                  voxels: [Float](repeating: 0, count: frameCount * height * width))
    }

    /// Voxel (t, y, x).
    @inlinable
    public subscript(t: Int, y: Int, x: Int) -> Float {
        get { voxels[(t * height + y) * width + x] }
        set { voxels[(t * height + y) * width + x] = newValue }
    }

    /// Copies the block of `depth x size.height x size.width` voxels whose first voxel is (t, y, x)
    /// into `destination`, in (t, y, x) order: the flattening every block in the project uses.
    @inlinable
    public func copyBlock(t: Int, y: Int, x: Int, depth: Int, blockHeight: Int, blockWidth: Int,
                          into destination: UnsafeMutablePointer<Float>) {
        precondition(t >= 0 && y >= 0 && x >= 0 && t + depth <= frameCount && y + blockHeight <= height && x + blockWidth <= width,
                     "block at (\(t), \(y), \(x)) of \(depth) x \(blockHeight) x \(blockWidth) leaves the \(frameCount) x \(height) x \(width) volume")
        voxels.withUnsafeBufferPointer { src in
            var out = destination
            for dt in 0..<depth {
                for dy in 0..<blockHeight {
                    let start = ((t + dt) * height + y + dy) * width + x
                    out.update(from: src.baseAddress! + start, count: blockWidth)
                    out += blockWidth
                }
            }
        }
    }
}
