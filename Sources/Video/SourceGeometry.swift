/// Where a decoded volume's pixels come from in the stream: the stream's size, the scale and the
/// crop window, so a coordinate in the volume maps back to the stream's pixel coordinates.
public struct SourceGeometry: Sendable, Equatable {
    /// The stream's frame width in pixels.
    public let width: Int
    /// The stream's frame height in pixels.
    public let height: Int
    /// The scale and crop the volume was decoded with.
    public let shape: FrameShape
    /// The scaled size and crop window `shape` gives for this stream.
    public let layout: FrameLayout

    /// The geometry of a `width x height` stream decoded as `shape` into `layout`.
    public init(width: Int, height: Int, shape: FrameShape, layout: FrameLayout) {
        self.width = width
        self.height = height
        self.shape = shape
        self.layout = layout
    }

    /// A volume coordinate (pixel centres at whole numbers, continuous in between) mapped to the
    /// stream's pixel coordinates (same convention): the crop offset is added, then at half size a
    /// scaled pixel `i` covers stream pixels `2i` and `2i + 1`, whose centre is `2i + 0.5`.
    public func sourceCoordinate(row: Double) -> Double { scaled(row + Double(layout.cropY)) }

    /// As `sourceCoordinate(row:)`, for a column.
    public func sourceCoordinate(column: Double) -> Double { scaled(column + Double(layout.cropX)) }

    /// The inverse of `sourceCoordinate(row:)`: a stream row mapped into the volume.
    public func volumeCoordinate(row: Double) -> Double { unscaled(row) - Double(layout.cropY) }

    /// The inverse of `sourceCoordinate(column:)`.
    public func volumeCoordinate(column: Double) -> Double { unscaled(column) - Double(layout.cropX) }

    private func unscaled(_ coordinate: Double) -> Double {
        switch shape.scale {
        case .native: return coordinate
        case .half: return (coordinate - 0.5) / 2
        }
    }

    private func scaled(_ coordinate: Double) -> Double {
        switch shape.scale {
        case .native: return coordinate
        case .half: return 2 * coordinate + 0.5
        }
    }
}
