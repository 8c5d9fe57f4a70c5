import Foundation

/// The leakage check every layout runs before any work: no video is both a training and a test
/// clip. Files are compared on their normalised path and on their identity (device and inode, after
/// following symbolic links), so `v/./a.avi`, a hard link or a symbolic link to a training clip
/// listed for testing is caught as surely as the same name.
enum SplitOverlap {
    /// One listed clip: its file and where it was listed (for the error).
    struct Entry {
        /// The video file.
        let file: URL
        /// Where it was listed, e.g. `test.csv:3`.
        let origin: String
    }

    /// Throws `DatasetError.leakage` naming the first test entry that is a training entry's file.
    static func check(train: [Entry], test: [Entry]) throws {
        var byPath: [String: String] = [:], byIdentity: [FileIdentity: String] = [:]
        for entry in train {
            byPath[entry.file.standardizedFileURL.path] = entry.origin
            if let identity = FileIdentity(entry.file) { byIdentity[identity] = entry.origin }
        }
        for entry in test {
            if let first = byPath[entry.file.standardizedFileURL.path] {
                throw DatasetError.leakage(train: first, test: entry.origin, how: "the same path")
            }
            if let identity = FileIdentity(entry.file), let first = byIdentity[identity] {
                throw DatasetError.leakage(train: first, test: entry.origin, how: "the same file (a hard or symbolic link)")
            }
        }
    }

    /// A file's device and inode number.
    struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64

        /// The identity of the file at `url` (links followed), nil when it cannot be read.
        init?(_ url: URL) {
            var info = stat()
            guard stat(url.path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }
}
