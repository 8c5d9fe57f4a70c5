import Foundation
import Linalg
import Recognition

/// The shapes of the descriptor files of `evaluate --descriptors`, read from their `.npy` headers
/// without their data: what the memory estimate of a run on them needs before any job starts
/// (`MemoryEstimate.evaluate(_:files:reduce:...)`).
public struct OwnDescriptorShapes: Sendable, Equatable {
    /// Values per row (the widest clip's).
    public var width: Int
    /// Bytes per stored value (4 for float32, 8 for float64; the widest clip's).
    public var valueBytes: Int
    /// Rows of each training clip's file, in plan order.
    public var trainRows: [Int]
    /// Rows of each test clip's file, in plan order.
    public var testRows: [Int]
    /// Whether every clip has positions (then the descriptor stage decodes each clip to place its rows).
    public var positions: Bool

    /// Shapes as given.
    public init(width: Int, valueBytes: Int, trainRows: [Int], testRows: [Int], positions: Bool) {
        (self.width, self.valueBytes, self.trainRows, self.testRows, self.positions) = (width, valueBytes, trainRows, testRows, positions)
    }

    /// The most rows one clip's file has.
    public var largestRows: Int { (trainRows + testRows).max() ?? 0 }

    /// Reads the headers of the files of `clips` in `folder` (named as `OwnDescriptors` names them
    /// under `root`); refuses, naming the clip and the file, one that is missing or whose header
    /// is not that of a 2-D array. (The prepare stage checks every value later.)
    static func read(_ clips: [EvaluationPlan.Clip], folder: URL, root: URL) throws -> OwnDescriptorShapes {
        try OwnDescriptors.checkFolder(folder)
        var shapes = OwnDescriptorShapes(width: 0, valueBytes: 4, trainRows: [], testRows: [], positions: true)
        for clip in clips {
            let file = OwnDescriptors.file(of: clip, folder: folder, root: root)
            func refuse(_ reason: String) -> EvaluationError { .ownDescriptors(clip: clip.name, path: file.path, reason: reason) }
            guard FileManager.default.fileExists(atPath: file.path) else { throw refuse("missing") }
            let header: NPYHeader
            do { header = try NPYHeader.read(file) } catch { throw refuse("\(error)".replacingOccurrences(of: "\(file.path): ", with: "")) }
            guard header.shape.count == 2 else { throw refuse("shape \(header.shape); features must be a 2-D [rows, values] array") }
            shapes.width = max(shapes.width, header.shape[1])
            shapes.valueBytes = max(shapes.valueBytes, header.elementBytes ?? 4)
            if clip.subset == .train { shapes.trainRows.append(header.shape[0]) } else { shapes.testRows.append(header.shape[0]) }
            shapes.positions = shapes.positions && FileManager.default.fileExists(atPath: ClipFeatureFile.positionsURL(of: file).path)
        }
        return shapes
    }
}
