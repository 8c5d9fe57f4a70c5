import Foundation

/// A fresh, empty folder under the system's temporary directory for one test's files.
public struct ScratchFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Creates `zae-<label>-<uuid>` under the temporary directory.
    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("zae-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder (not created).
    public func path(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `bytes` to `name` in the folder and returns its URL.
    @discardableResult
    public func write(_ bytes: [UInt8], to name: String) throws -> URL {
        let file = path(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    /// Writes `text` to `name` in the folder and returns its URL.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> URL { try write(Array(text.utf8), to: name) }

    /// Removes the folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(at: url) }
}

extension ScratchFolder {
    /// Compresses `name` in place with the system gzip (leaving `name.gz`) and returns the new URL.
    public func gzip(_ name: String) throws -> URL {
        let result = try ProcessRunner.run(command: "gzip", ["-n", path(name).path])
        guard result.status == 0 else { throw Numpy.ScriptFailed(status: result.status, stderr: result.stderr) }
        return path(name + ".gz")
    }
}
