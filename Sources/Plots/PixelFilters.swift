import Foundation
import Linalg
import Video

/// Learned filters as pictures in pixel space, strongest first: one filter per row of `values`,
/// `frames` frames of `height x width` pixels in (t, y, x) order. Written as `<stem>.png` (each
/// filter's frames side by side), `<stem>.gif` (the filters playing their frames) and `<stem>.npy`
/// (float32, shape `[filters, frames, height, width]`): the array holds exactly the values the
/// pictures show, each filter scaled to its own contrast by `FilterMosaic`.
public struct PixelFilters: Sendable {
    /// One filter per row, `frames * height * width` values each.
    public let values: Matrix
    /// Frames per filter.
    public let frames: Int
    /// Frame height in pixels.
    public let height: Int
    /// Frame width in pixels.
    public let width: Int
    /// What the filters are, for people (e.g. "encoder filters (columns of W)").
    public let drawn: String
    /// How many filters the model has, of which these are the strongest.
    public let total: Int

    /// Filters from their parts; `values` must have `frames * height * width` columns.
    public init(values: Matrix, frames: Int, height: Int, width: Int, drawn: String, total: Int) {
        precondition(values.cols == frames * height * width, "filters of \(values.cols) values are not \(frames) frames of \(height) x \(width)")
        self.values = values
        self.frames = frames
        self.height = height
        self.width = width
        self.drawn = drawn
        self.total = total
    }

    /// Number of filters.
    public var count: Int { values.rows }

    /// The float32 array `<stem>.npy` holds: `[filters, frames, height, width]`.
    public var array: NPYArray {
        NPYArray(shape: [count, frames, height, width], elements: .float32(values.storage))
    }

    /// The pictures of these filters.
    public var mosaic: FilterMosaic { FilterMosaic(filters: values, frames: frames, height: height, width: width) }

    /// The median roughness of the filters' frames (`FilterRoughness`).
    public var medianRoughness: Double { FilterRoughness.median(of: self) }

    /// The file names `write(to:stem:)` writes.
    public static func fileNames(stem: String) -> [String] { ["\(stem).png", "\(stem).gif", "\(stem).npy"] }

    /// Writes `<stem>.png`, `<stem>.gif` and `<stem>.npy` into `folder`, each atomically.
    public func write(to folder: URL, stem: String) throws {
        let mosaic = self.mosaic
        try PNGWriter.write(mosaic.still(), to: folder.appendingPathComponent("\(stem).png").path)
        let frames = mosaic.animation()
        let gif = try GIFWriter(path: folder.appendingPathComponent("\(stem).gif").path,
                                width: frames[0].width, height: frames[0].height, frameDelay: 20)
        for frame in frames { try gif.append(frame) }
        try gif.finish()
        try array.write(to: folder.appendingPathComponent("\(stem).npy"))
    }
}
