import Foundation
import Support

/// An exclusive lock on an output folder for the length of a run (`flock(2)` on a lock file), so
/// two `learn` or two `evaluate` runs never write the same folder at once. The lock file names its
/// holder (process, host, start time, command) for the run that is refused. The kernel releases the
/// lock when the holder exits, however it exits, so a killed run never leaves a stale lock.
public final class OutputLock: @unchecked Sendable {
    /// The lock file.
    public let file: URL
    private var descriptor: Int32

    /// Takes the lock at `file` (creating its folder), or throws naming who holds it.
    public init(file: URL) throws {
        self.file = file
        let folder = file.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw SupportError.cannotWrite(path: file.path, reason: FileErrorReason.creatingFolder(folder, error))
        }
        descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RunError.unusableLock(path: file.path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            descriptor = -1
            throw RunError.outputLocked(path: file.deletingLastPathComponent().path, holder: holder.flatMap { $0.isEmpty ? nil : $0 } ?? "holder unknown")
        }
        let holder = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date())): "
            + CommandLine.arguments.joined(separator: " ") + "\n"
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// The lock for a folder a run writes into: `<folder>/.zae-video.lock`.
    public convenience init(folder: URL) throws {
        try self.init(file: folder.appendingPathComponent(".zae-video.lock"))
    }

    /// Releases the lock (also done when the value goes away or the process ends).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
