import Foundation
import Linalg
import Recognition
import Support

/// The descriptor cache's file for one clip, format 2: a NumPy `.npy` file (version 1.0) of one
/// structured record per super-block,
///
///     [('descriptor', '<f2', (D,)), ('magnitude', '<f4'), ('centre', '<f4', (3,))]
///
/// the PCA-reduced descriptor as 16-bit floats (IEEE half precision, rounded to nearest), its
/// activation magnitude and its super-block's relative centre (t, y, x) as 32-bit floats: `2 D + 16`
/// bytes a super-block where format 1 (`<f4`, `D + 4` columns) took `4 D + 16` (52 % of it at the
/// paper's D = 100). `numpy.load` reads it as is. The format is part of the cache fingerprint
/// (`DescribedClip.layout`), so a run never reads a cache of format 1 as format 2: it recomputes.
/// Each file has a shape and checksum record beside it (`CheckedArrayFile`).
enum DescriptorCacheFile {
    /// The structured element type of a clip with `dimension`-dimensional descriptors.
    static func descr(dimension: Int) -> String {
        "[('descriptor', '<f2', (\(dimension),)), ('magnitude', '<f4'), ('centre', '<f4', (3,))]"
    }

    /// The file's bytes for `clip`: descriptors rounded to half precision.
    static func encoded(_ clip: DescribedClip) -> Data {
        let descriptors = clip.clip.descriptors, d = descriptors.cols, n = descriptors.rows
        var header = "{'descr': \(descr(dimension: d)), 'fortran_order': False, 'shape': (\(n),), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        var record = [UInt8](repeating: 0, count: 2 * d + 16)
        for r in 0..<n {
            record.withUnsafeMutableBytes { raw in
                for c in 0..<d { raw.storeBytes(of: Float16(descriptors[r, c]).bitPattern.littleEndian, toByteOffset: 2 * c, as: UInt16.self) }
                let tail = [clip.clip.magnitudes[r], clip.positions[r].t, clip.positions[r].y, clip.positions[r].x]
                for (i, v) in tail.enumerated() { raw.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: 2 * d + 4 * i, as: UInt32.self) }
            }
            data.append(contentsOf: record)
        }
        return data
    }

    /// Writes `clip` to `url` and its record, each atomically.
    static func write(_ clip: DescribedClip, to url: URL) throws {
        let data = encoded(clip)
        try AtomicFile.write(data, to: url)
        try CheckedArrayFile.writeRecord(of: data, shape: [clip.clip.descriptors.rows], for: url)
    }

    /// Reads `url` checked against its record (and `dimension`, when given): absent, valid, or
    /// invalid with the reason (another format, a damaged file, a value that is not finite).
    static func read(_ url: URL, dimension: Int? = nil) -> CacheVerdict<DescribedClip> {
        switch CheckedArrayFile.readBytes(url) {
        case .absent: return .absent
        case let .invalid(reason): return .invalid(reason)
        case let .valid((data, shape)):
            do { return .valid(try decoded(data, shape: shape, dimension: dimension, path: url.path)) } catch {
                return .invalid("\(error)")
            }
        }
    }

    /// The clip in `data`, whose record says it holds `shape` = `[N]` super-blocks.
    static func decoded(_ data: Data, shape: [Int], dimension: Int?, path: String) throws -> DescribedClip {
        let bytes = [UInt8](data)
        func malformed(_ reason: String) -> NPYArray.Failure { .malformed(path: path, reason: reason) }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8), bytes[6] == 1 else {
            throw malformed("not a version 1.0 .npy file")
        }
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        guard bytes.count >= 10 + headerLength, let header = String(bytes: bytes[10..<(10 + headerLength)], encoding: .utf8) else {
            throw malformed("truncated header")
        }
        guard shape.count == 1, let n = shape.first,
              let dimensionText = header.split(separator: "('descriptor', '<f2', (").dropFirst().first?.prefix(while: \.isNumber),
              let d = Int(dimensionText), d >= 1,
              header.hasPrefix("{'descr': \(descr(dimension: d)), 'fortran_order': False, 'shape': (\(n),), }") else {
            throw NPYArray.Failure.unexpected(path: path, reason: "not a descriptor cache file of format 2 (header \(header.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        if let dimension, d != dimension {
            throw NPYArray.Failure.unexpected(path: path, reason: "\(d)-dimensional descriptors where \(dimension) are expected")
        }
        let recordSize = 2 * d + 16, start = 10 + headerLength
        guard bytes.count == start + n * recordSize else {
            throw malformed("\(bytes.count - start) data bytes where \(n) records need \(n * recordSize)")
        }
        var descriptors = Matrix(rows: n, cols: d)
        var magnitudes = [Float](repeating: 0, count: n), positions = [RelativePosition]()
        positions.reserveCapacity(n)
        bytes.withUnsafeBytes { raw in
            for r in 0..<n {
                let base = start + r * recordSize
                for c in 0..<d {
                    descriptors[r, c] = Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: base + 2 * c, as: UInt16.self))))
                }
                let tail = (0..<4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 2 * d + 4 * $0, as: UInt32.self))) }
                magnitudes[r] = tail[0]
                positions.append(RelativePosition(t: tail[1], y: tail[2], x: tail[3]))
            }
        }
        guard descriptors.storage.allSatisfy(\.isFinite), magnitudes.allSatisfy(\.isFinite) else {
            throw NPYArray.Failure.unexpected(path: path, reason: "holds values that are not finite")
        }
        return DescribedClip(clip: ClipDescriptors(descriptors: descriptors, magnitudes: magnitudes), positions: positions)
    }
}
