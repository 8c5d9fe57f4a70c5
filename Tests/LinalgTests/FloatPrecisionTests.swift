import Foundation
import Testing
@testable import Linalg
import TestSupport

@Suite("Half-precision storage")
struct FloatPrecisionTests {
    @Test("float16 rounds every value to the nearest half-precision value as numpy's astype(float16) does",
          .enabled(if: Numpy.isAvailable, "python3 with numpy is not installed"))
    func roundingMatchesNumpy() throws {
        var rng = SeededRandom(seed: 5)
        // Values over many binades, ties included (1 + 2^-11 lies halfway between two halves).
        var values: [Float] = (0..<2_000).map { (i: Int) -> Float in rng.normal() * Float(sign: .plus, exponent: i % 30 - 15, significand: 1) }
        values += [1 + 0x1p-11, 1 + 3 * 0x1p-11, 65504, -65504, 0]
        let matrix = Matrix(rows: 1, cols: values.count, storage: values)
        let folder = try ScratchFolder("linalg").url
        defer { try? FileManager.default.removeItem(at: folder) }
        try NPYArray(matrix).write(to: folder.appendingPathComponent("f4.npy"))
        try FloatPrecision.float16.array(matrix).write(to: folder.appendingPathComponent("f2.npy"))
        _ = try Numpy.run("""
        import numpy as np, os
        d = '\(folder.path)'
        a = np.load(os.path.join(d, 'f4.npy')); h = np.load(os.path.join(d, 'f2.npy'))
        assert h.dtype == np.float16 and np.array_equal(a.astype(np.float16), h), np.flatnonzero(a.astype(np.float16) != h)[:5]
        print('ok')
        """)
        let rounded = FloatPrecision.float16.rounded(matrix)
        #expect(rounded == (try FloatPrecision.float16.array(matrix).matrix()))
        #expect(zip(values, rounded.storage).allSatisfy { abs($0 - $1) <= abs($0) * 0x1p-11 + 0x1p-25 })
        #expect(rounded.storage[values.count - 5] == 1 && rounded.storage[values.count - 4] == 1 + 4 * 0x1p-11)   // ties to even
    }

    @Test("a matrix with a value beyond half precision's range is stored in float32 whole; float32 keeps every value")
    func overflowKeepsSinglePrecision() throws {
        let matrix = Matrix(rowArrays: [[1.1, 70_000], [-0.3, 2]])
        guard case .float32 = FloatPrecision.float16.array(matrix).elements else { Issue.record("stored in half precision"); return }
        #expect(FloatPrecision.float16.rounded(matrix) == matrix)
        let small = Matrix(rowArrays: [[1.1, 0.3]])
        #expect(FloatPrecision.float32.rounded(small) == small)
        #expect(FloatPrecision.float16.rounded(small) != small)
        #expect(FloatPrecision.float16.array(small).encoded().count < NPYArray(small).encoded().count)
    }
}
