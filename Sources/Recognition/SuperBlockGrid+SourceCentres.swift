import Linalg
import Video

extension SuperBlockGrid {
    /// The centre of the super-block at each of `origins` (volume coordinates) as one row
    /// (frame, y, x) in the source stream's coordinates: `origins.count x 3`. Frames are the
    /// decoded frame indices (every frame is kept, so they are the stream's), y and x its pixel
    /// coordinates with pixel centres at whole numbers: at half size the crop offset is added and
    /// the result doubled plus 0.5 (`SourceGeometry`), so a 20-pixel super-block at volume column 0
    /// of a frame cropped by 3 columns is centred at stream column `2 * (9.5 + 3) + 0.5 = 25.5`.
    public func sourceCentres(of origins: [BlockPosition], in source: SourceGeometry) -> Matrix {
        var centres = Matrix(rows: origins.count, cols: 3)
        let half = (t: Double(superBlock.frames - 1) / 2, y: Double(superBlock.height - 1) / 2, x: Double(superBlock.width - 1) / 2)
        for (r, origin) in origins.enumerated() {
            centres[r, 0] = Float(Double(origin.t) + half.t)
            centres[r, 1] = Float(source.sourceCoordinate(row: Double(origin.y) + half.y))
            centres[r, 2] = Float(source.sourceCoordinate(column: Double(origin.x) + half.x))
        }
        return centres
    }
}
