import Foundation
import Support

/// A NumPy `.npy` array: C-order data of one of the element types the project exchanges.
///
/// Files follow format version 1.0 (2.0 is read too) so that `numpy.load` opens what the project
/// writes and the project opens what numpy writes.
public struct NPYArray: Equatable, Sendable {
    /// The element data, typed.
    public enum Elements: Equatable, Sendable {
        /// `<f2` (IEEE half precision: the 16-bit descriptor cache).
        case float16([Float16])
        /// `<f4`.
        case float32([Float])
        /// `<f8`.
        case float64([Double])
        /// `|u1`.
        case uint8([UInt8])
        /// `<i4`.
        case int32([Int32])

        var count: Int {
            switch self {
            case let .float16(v): return v.count
            case let .float32(v): return v.count
            case let .float64(v): return v.count
            case let .uint8(v): return v.count
            case let .int32(v): return v.count
            }
        }

        var descr: String {
            switch self {
            case .float16: return "<f2"
            case .float32: return "<f4"
            case .float64: return "<f8"
            case .uint8: return "|u1"
            case .int32: return "<i4"
            }
        }
    }

    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The elements in C order.
    public let elements: Elements

    /// An array of `shape` over `elements`, whose count must be the product of `shape`.
    public init(shape: [Int], elements: Elements) {
        precondition(shape.reduce(1, *) == elements.count, "shape \(shape) does not match \(elements.count) elements")
        self.shape = shape
        self.elements = elements
    }

    /// A 2-D float32 array holding `matrix`.
    public init(_ matrix: Matrix) {
        self.init(shape: [matrix.rows, matrix.cols], elements: .float32(matrix.storage))
    }

    /// A 1-D float32 array holding `vector`.
    public init(_ vector: [Float]) {
        self.init(shape: [vector.count], elements: .float32(vector))
    }

    /// The elements as float32 (float16 is widened exactly, float64 narrowed), all finite: data from disk feeds BLAS,
    /// nearest-word searches and histograms, where one NaN or infinity turns every result into
    /// garbage or a trap, so it is refused here, naming the file and the first bad element.
    public func finiteFloats(path: String = "array") throws -> [Float] {
        let values: [Float]
        switch elements {
        case let .float16(v): values = v.map(Float.init)
        case let .float32(v): values = v
        case let .float64(v): values = v.map(Float.init)
        default: throw LinalgError.unexpected(path: path, reason: "expected float data, found \(elements.descr)")
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            let position = shape.count == 2 ? "row \(index / max(shape[1], 1)), column \(index % max(shape[1], 1))" : "element \(index)"
            let original: String
            if case let .float64(v) = elements, v[index].isFinite { original = "\(v[index]) (beyond float32)" } else { original = "\(values[index])" }
            throw LinalgError.unexpected(path: path, reason: "holds a non-finite value, \(original) at \(position) of shape \(shape); every value must be finite (a damaged file or a diverged run)")
        }
        return values
    }

    /// The array as a float32 matrix: 2-D as it is, 1-D as one row. Float64 data is narrowed;
    /// non-finite values are refused (`finiteFloats`).
    public func matrix(path: String = "array") throws -> Matrix {
        let values = try finiteFloats(path: path)
        switch shape.count {
        case 2: return Matrix(rows: shape[0], cols: shape[1], storage: values)
        case 1: return Matrix(rows: 1, cols: shape[0], storage: values)
        default: throw LinalgError.unexpected(path: path, reason: "expected a 1-D or 2-D array, found shape \(shape)")
        }
    }

    /// The file's bytes.
    public func encoded() -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(elements.descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        switch elements {
        case let .float16(v): v.withUnsafeBytes { data.append(contentsOf: $0) }
        case let .float32(v): v.withUnsafeBytes { data.append(contentsOf: $0) }
        case let .float64(v): v.withUnsafeBytes { data.append(contentsOf: $0) }
        case let .uint8(v): data.append(contentsOf: v)
        case let .int32(v): v.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Writes the array to `url` atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(encoded(), to: url)
    }

    /// Reads the `.npy` file at `url`.
    public init(contentsOf url: URL) throws {
        // A FIFO or a device would be read forever or refused with a misleading reason: name it.
        if let kind = FileErrorReason.notARegularFile(url.path), kind != "missing" { throw LinalgError.unreadable(path: url.path, reason: kind) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LinalgError.unreadable(path: url.path, reason: FileErrorReason.of(error))
        }
        try self.init(data: data, path: url.path)
    }

    /// Parses `.npy` bytes; `path` names the source in errors.
    public init(data: Data, path: String) throws {
        let bytes = [UInt8](data)
        let header = try NPYHeader(bytes: bytes, path: path)
        let shape = header.shape, descr = header.descr
        let body = bytes[header.dataOffset...]
        let count = try shape.reduce(1) { product, extent in
            let (next, overflow) = product.multipliedReportingOverflow(by: extent)
            guard !overflow, next <= body.count else {
                throw LinalgError.notNPY(path: path, reason: "shape \(shape) needs more data than the file's \(body.count) bytes")
            }
            return next
        }
        func load<T>(_ type: T.Type, size: Int) throws -> [T] {
            guard body.count >= count * size else {
                throw LinalgError.notNPY(path: path, reason: "data holds \(body.count) bytes, shape \(shape) needs \(count * size)")
            }
            return body.withUnsafeBytes { raw in
                (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * size, as: T.self) }
            }
        }
        let elements: Elements
        switch descr {
        case "<f2": elements = .float16(try load(Float16.self, size: 2))
        case "<f4": elements = .float32(try load(Float.self, size: 4))
        case "<f8": elements = .float64(try load(Double.self, size: 8))
        case "|u1", "<u1": elements = .uint8(try load(UInt8.self, size: 1))
        case "<i4": elements = .int32(try load(Int32.self, size: 4))
        default: throw LinalgError.unexpected(path: path, reason: "unsupported element type \(descr)")
        }
        self.init(shape: shape, elements: elements)
    }
}
