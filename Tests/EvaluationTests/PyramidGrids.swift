import Recognition

/// The pyramid grids the tests use besides the whole clip (`.whole`), from literal valid counts.
extension PyramidGrid {
    /// 1x2x2: the clip's quarters in space.
    static let quarters = try! PyramidGrid(frames: 1, height: 2, width: 2)
    /// 2x1x1: the clip's halves in time.
    static let halves = try! PyramidGrid(frames: 2, height: 1, width: 1)
    /// 2x2x2: halves in time, quarters in space.
    static let octants = try! PyramidGrid(frames: 2, height: 2, width: 2)
}
