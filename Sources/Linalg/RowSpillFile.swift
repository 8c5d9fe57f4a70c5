import Foundation
import Support

/// Float rows parked on disk instead of in memory: a sample too large to hold (the super-block PCA's
/// 100,000 descriptors of 4,800 values are 1.9 GB) is appended by parallel workers and read back
/// row by row. The file is unlinked as soon as it is created, so it is never seen by anyone else
/// and vanishes with the process, even a killed one.
public final class RowSpillFile: RowSource, @unchecked Sendable {
    /// Values per row.
    public let dimension: Int
    private let descriptor: Int32
    private let path: String
    private let lock = NSLock()
    private var rows = 0

    /// An empty spill file in `folder` (which must exist) for rows of `dimension` values.
    public init(in folder: URL, dimension: Int) throws {
        var template = Array(folder.appendingPathComponent(".row-spill-XXXXXX").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw SupportError.cannotWrite(path: folder.path, reason: "cannot create a spill file: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        unlink(path)
        descriptor = fd
        self.dimension = dimension
    }

    deinit { close(descriptor) }

    /// Rows written so far.
    public var rowCount: Int { lock.lock(); defer { lock.unlock() }; return rows }

    /// Appends the rows of `matrix` and returns the indices they got (consecutive).
    public func append(_ matrix: Matrix) throws -> Range<Int> {
        precondition(matrix.cols == dimension, "spilled rows have \(matrix.cols) values, the file holds \(dimension)")
        lock.lock()
        let first = rows
        rows += matrix.rows
        lock.unlock()
        let bytes = matrix.rows * dimension * MemoryLayout<Float>.size
        try matrix.storage.withUnsafeBytes { buffer in
            var done = 0
            while done < bytes {
                let written = pwrite(descriptor, buffer.baseAddress! + done, bytes - done, off_t(first * dimension * 4 + done))
                guard written > 0 else { throw SupportError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
                done += written
            }
        }
        return first..<(first + matrix.rows)
    }

    /// Copies row `index` back.
    public func copyRow(_ index: Int, into destination: UnsafeMutablePointer<Float>) throws {
        let bytes = dimension * MemoryLayout<Float>.size
        var done = 0
        while done < bytes {
            let read = pread(descriptor, UnsafeMutableRawPointer(destination) + done, bytes - done, off_t(index * bytes + done))
            guard read > 0 else {
                throw SupportError.cannotWrite(path: path, reason: "cannot read row \(index) back: \(read == 0 ? "file too short" : String(cString: strerror(errno)))")
            }
            done += read
        }
    }
}
