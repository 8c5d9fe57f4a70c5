import Foundation
import Testing
@testable import Linalg
import TestSupport

/// Bytes per element of an array.
func elementSize(_ array: NPYArray) -> Int {
    switch array.elements {
    case .float16: return 2
    case .float32, .int32: return 4
    case .float64: return 8
    case .uint8: return 1
    }
}

@Suite("NumPy .npy files")
struct NPYTests {
    @Test("every element type round-trips through the project's own reader and writer")
    func roundTrip() throws {
        let arrays = [
            NPYArray(shape: [2, 3], elements: .float32([1, 2, 3, 4, 5, 6.5])),
            NPYArray(shape: [2, 2], elements: .float16([1, -0.5, 65504, 0.0001])),
            NPYArray(shape: [3], elements: .float64([1, -2, 3.25])),
            NPYArray(shape: [2, 2], elements: .uint8([0, 1, 254, 255])),
            NPYArray(shape: [1, 2, 2], elements: .int32([-7, 0, 7, Int32.max])),
        ]
        for array in arrays {
            #expect(try NPYArray(data: array.encoded(), path: "memory") == array)
            #expect((array.encoded().count - array.shape.reduce(1, *) * elementSize(array)) % 64 == 0)
        }
    }

    @Test("numpy reads what the project writes", .enabled(if: Numpy.isAvailable, "python3 with numpy is not installed"))
    func numpyReadsOurs() throws {
        let folder = try ScratchFolder("linalg").url
        defer { try? FileManager.default.removeItem(at: folder) }
        try NPYArray(Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])).write(to: folder.appendingPathComponent("f4.npy"))
        try NPYArray(shape: [3], elements: .float64([0.5, 1.5, 2.5])).write(to: folder.appendingPathComponent("f8.npy"))
        try NPYArray(shape: [4], elements: .uint8([1, 2, 3, 250])).write(to: folder.appendingPathComponent("u1.npy"))
        try NPYArray(shape: [2, 1], elements: .int32([-3, 9])).write(to: folder.appendingPathComponent("i4.npy"))
        try NPYArray(shape: [1, 2], elements: .float16([0.5, -1024])).write(to: folder.appendingPathComponent("f2.npy"))
        let script = """
        import numpy as np, os
        d = '\(folder.path)'
        a = np.load(os.path.join(d, 'f4.npy')); assert a.dtype == np.float32 and a.shape == (2, 3) and a[1, 2] == 6, a
        b = np.load(os.path.join(d, 'f8.npy')); assert b.dtype == np.float64 and list(b) == [0.5, 1.5, 2.5], b
        c = np.load(os.path.join(d, 'u1.npy')); assert c.dtype == np.uint8 and list(c) == [1, 2, 3, 250], c
        e = np.load(os.path.join(d, 'i4.npy')); assert e.dtype == np.int32 and e.shape == (2, 1) and e[0, 0] == -3, e
        h = np.load(os.path.join(d, 'f2.npy')); assert h.dtype == np.float16 and h.shape == (1, 2) and list(h[0]) == [0.5, -1024], h
        print('ok')
        """
        _ = try Numpy.run(script)
    }

    @Test("the project reads what numpy writes", .enabled(if: Numpy.isAvailable, "python3 with numpy is not installed"))
    func oursReadsNumpy() throws {
        let folder = try ScratchFolder("linalg").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = """
        import numpy as np, os
        d = '\(folder.path)'
        np.save(os.path.join(d, 'f4.npy'), np.arange(6, dtype=np.float32).reshape(2, 3) / 4)
        np.save(os.path.join(d, 'f8.npy'), np.array([1e-300, 2.0]))
        np.save(os.path.join(d, 'u1.npy'), np.array([[9, 255]], dtype=np.uint8))
        np.save(os.path.join(d, 'i4.npy'), np.array([-1, 2, -3], dtype=np.int32))
        np.save(os.path.join(d, 'f2.npy'), np.array([[0.1, -3.0]], dtype=np.float16))
        """
        _ = try Numpy.run(script)
        let f4 = try NPYArray(contentsOf: folder.appendingPathComponent("f4.npy"))
        #expect(try f4.matrix() == Matrix(rowArrays: [[0, 0.25, 0.5], [0.75, 1, 1.25]]))
        #expect(try NPYArray(contentsOf: folder.appendingPathComponent("f8.npy")).elements == .float64([1e-300, 2.0]))
        #expect(try NPYArray(contentsOf: folder.appendingPathComponent("u1.npy")) == NPYArray(shape: [1, 2], elements: .uint8([9, 255])))
        #expect(try NPYArray(contentsOf: folder.appendingPathComponent("i4.npy")).elements == .int32([-1, 2, -3]))
        // numpy's float16(0.1) is 0.0999755859375, the nearest half-precision value.
        #expect(try NPYArray(contentsOf: folder.appendingPathComponent("f2.npy")).matrix() == Matrix(rowArrays: [[0.0999755859375, -3]]))
    }

    @Test("missing, non-npy and truncated files get errors naming the file")
    func badFiles() throws {
        let folder = try ScratchFolder("linalg").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("missing.npy")
        #expect { try NPYArray(contentsOf: missing) } throws: { "\($0)".contains("missing.npy") && "\($0)".contains("no such file") }
        let text = folder.appendingPathComponent("text.npy")
        try Data("hello".utf8).write(to: text)
        #expect { try NPYArray(contentsOf: text) } throws: { "\($0)".contains("text.npy") && "\($0)".contains("magic") }
        let truncated = folder.appendingPathComponent("cut.npy")
        let full = NPYArray(Matrix(rows: 4, cols: 4, repeating: 1)).encoded()
        try full.prefix(full.count - 8).write(to: truncated)
        #expect { try NPYArray(contentsOf: truncated) } throws: { "\($0)".contains("cut.npy") && "\($0)".contains("needs 64") }
        let huge = folder.appendingPathComponent("huge.npy")
        let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }".padding(toLength: 117, withPad: " ", startingAt: 0) + "\n"
        try (Data([0x93] + Array("NUMPY".utf8) + [1, 0, 118, 0]) + Data(header.utf8) + Data(count: 64)).write(to: huge)
        #expect { try NPYArray(contentsOf: huge) } throws: { "\($0)".contains("huge.npy") && "\($0)".contains("needs more data than the file's") }
    }

    @Test("an array with NaN or infinity is refused naming the file and the element; float64 beyond float32 too")
    func nonFiniteValues() throws {
        var values = Matrix(rows: 3, cols: 4, repeating: 0.5)
        values[2, 1] = .infinity
        #expect { try NPYArray(values).matrix(path: "W.npy") } throws: {
            "\($0)" == "W.npy: holds a non-finite value, inf at row 2, column 1 of shape [3, 4]; every value must be finite (a damaged file or a diverged run)"
        }
        values[0, 3] = .nan
        #expect { try NPYArray(values).finiteFloats(path: "d.npy") } throws: { "\($0)".hasPrefix("d.npy: holds a non-finite value, nan at row 0, column 3") }
        let wide = NPYArray(shape: [2], elements: .float64([1, 1e300]))
        #expect { try wide.finiteFloats(path: "v.npy") } throws: { "\($0)".hasPrefix("v.npy: holds a non-finite value, 1e+300 (beyond float32) at element 1") }
        #expect(try NPYArray(shape: [2], elements: .float64([1, -2])).finiteFloats() == [1, -2])
    }
}
