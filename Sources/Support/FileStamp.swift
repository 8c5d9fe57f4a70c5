import Foundation

/// What says a file is still the one a run was planned with, without reading it: its size, its
/// modification time (to the nanosecond) and its identity (device and inode), links followed. A
/// clip replaced by another file, rewritten or touched gets another stamp.
public struct FileStamp: Codable, Sendable, Equatable, CustomStringConvertible {
    /// Bytes.
    public var size: Int64
    /// Modification time, seconds since 1970.
    public var modified: Double
    /// The device holding it.
    public var device: UInt64
    /// Its inode number on that device.
    public var inode: UInt64

    /// The stamp of the file at `path`, nil when there is none (or it cannot be examined).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// For messages: `1234 bytes, modified 2026-12-03T10:15:02Z`.
    public var description: String {
        "\(size) bytes, modified \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: modified)))"
    }
}
