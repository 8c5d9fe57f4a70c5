import Support

/// The bits a float array is stored with: `float32` as computed, or `float16` (IEEE half precision,
/// `<f2` in a `.npy`): half the bytes, each value rounded to the nearest half-precision value
/// (relative error at most 2^-11, about 0.05 %).
public enum FloatPrecision: String, SettingChoice, Sendable {
    /// Half precision.
    case float16
    /// Single precision, as computed.
    case float32

    /// The largest finite half-precision value.
    static let halfRange: Float = 65504

    /// `matrix` as a 2-D `.npy` array at this precision. A matrix holding a value beyond half
    /// precision's range (|x| > 65504, which would become infinite) is kept in float32 whole:
    /// storing never turns a finite value into a non-finite one.
    public func array(_ matrix: Matrix) -> NPYArray {
        guard self == .float16, matrix.storage.allSatisfy({ abs($0) <= Self.halfRange }) else { return NPYArray(matrix) }
        return NPYArray(shape: [matrix.rows, matrix.cols], elements: .float16(matrix.storage.map { Float16($0) }))
    }

    /// The values `matrix` reads back as after being stored at this precision (`array`).
    public func rounded(_ matrix: Matrix) -> Matrix {
        guard case let .float16(values) = array(matrix).elements else { return matrix }
        return Matrix(rows: matrix.rows, cols: matrix.cols, storage: values.map(Float.init))
    }
}
