import Foundation
import Support

/// The header of a NumPy `.npy` file (format 1.0, 2.0 or 3.0): the element type, the shape and
/// where the data starts; readable from a file without reading its data (`read`).
public struct NPYHeader: Equatable, Sendable {
    /// The element type as numpy writes it (`<f4`, `<f8`, `|u1`, ...).
    public let descr: String
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The byte offset of the data: the magic, version, length field and header before it.
    public let dataOffset: Int

    /// Bytes per element, the number ending `descr` (nil when it does not end in one).
    public var elementBytes: Int? { Int(String(descr.reversed().prefix { $0.isNumber }.reversed())) }

    /// Parses the header at the start of `bytes` (the data after it may be absent); `path` names
    /// the source in errors.
    public init(bytes: [UInt8], path: String) throws {
        let (start, length) = try Self.extent(bytes, path: path)
        guard bytes.count >= start + length, let header = String(bytes: bytes[start..<(start + length)], encoding: .utf8) else {
            throw LinalgError.notNPY(path: path, reason: "truncated header")
        }
        guard let descr = Self.field("descr", in: header)?.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) else {
            throw LinalgError.notNPY(path: path, reason: "header has no descr")
        }
        if Self.field("fortran_order", in: header) == "True" {
            throw LinalgError.unexpected(path: path, reason: "Fortran-order arrays are not supported; save with C order")
        }
        guard let shapeText = header.range(of: "'shape':").map({ header[$0.upperBound...] }),
              let open = shapeText.firstIndex(of: "("), let close = shapeText.firstIndex(of: ")") else {
            throw LinalgError.notNPY(path: path, reason: "header has no shape")
        }
        let dimensions = shapeText[shapeText.index(after: open)..<close].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = dimensions.compactMap { Int($0) }.filter { $0 >= 0 }
        guard shape.count == dimensions.count else {
            throw LinalgError.notNPY(path: path, reason: "shape (\(dimensions.joined(separator: ", "))) is not a list of non-negative integers")
        }
        (self.descr, self.shape, dataOffset) = (descr, shape, start + length)
    }

    /// Reads the header of the `.npy` file at `url`, not its data.
    public static func read(_ url: URL) throws -> NPYHeader {
        if let kind = FileErrorReason.notARegularFile(url.path), kind != "missing" { throw LinalgError.unreadable(path: url.path, reason: kind) }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var bytes = [UInt8](try handle.read(upToCount: 12) ?? Data())
            let (start, length) = try extent(bytes, path: url.path)
            bytes += [UInt8](try handle.read(upToCount: max(start + length - bytes.count, 0)) ?? Data())
            return try NPYHeader(bytes: bytes, path: url.path)
        } catch let error as LinalgError {
            throw error
        } catch {
            throw LinalgError.unreadable(path: url.path, reason: FileErrorReason.of(error))
        }
    }

    /// Where the header text starts and its length, from the magic, the version and the length field.
    private static func extent(_ bytes: [UInt8], path: String) throws -> (start: Int, length: Int) {
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw LinalgError.notNPY(path: path, reason: "missing the \\x93NUMPY magic")
        }
        let major = bytes[6]
        switch major {
        case 1: return (10, Int(bytes[8]) | Int(bytes[9]) << 8)
        case 2, 3:
            guard bytes.count >= 12 else { throw LinalgError.notNPY(path: path, reason: "truncated header") }
            return (12, (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) })
        default: throw LinalgError.notNPY(path: path, reason: "unsupported format version \(major)")
        }
    }

    private static func field(_ key: String, in header: String) -> String? {
        guard let range = header.range(of: "'\(key)':") else { return nil }
        let rest = header[range.upperBound...].drop(while: { $0 == " " })
        return String(rest.prefix(while: { $0 != "," && $0 != "}" })).trimmingCharacters(in: .whitespaces)
    }
}
