import Foundation

/// Decompresses gzip files by running the system's `gzip -dc`.
///
/// Foundation on Linux has no gzip API and the package links no zlib, so the `gzip` program on
/// `PATH` does the work; its absence is reported as an error naming the file that needed it.
enum GzipDecompression {
    /// Whether `bytes` start with the gzip magic number (0x1f 0x8b).
    static func isGzip(_ bytes: Data) -> Bool {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1F && bytes[bytes.startIndex + 1] == 0x8B
    }

    /// The decompressed contents of the gzip file at `url`.
    static func decompress(fileAt url: URL) throws(DatasetFailure) -> Data {
        guard let gzip = executable(named: "gzip") else {
            throw .unreadable(path: url.path, reason: "gzip-compressed, and no `gzip` program on PATH to decompress it")
        }
        let process = Process()
        process.executableURL = gzip
        process.arguments = ["-dc", url.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .unreadable(path: url.path, reason: "cannot run \(gzip.path): \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let firstLine = text.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw .unreadable(path: url.path, reason: "gzip failed: \(firstLine)")
        }
        return data
    }

    /// The first executable called `name` in the folders of `PATH`.
    private static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
