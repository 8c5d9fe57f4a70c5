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

    /// The largest factor by which deflate can expand data (about 1032:1): a header that promises
    /// more than this many times the compressed file cannot be telling the truth.
    static let maximumExpansion = 1032

    /// The decompressed contents of the gzip file at `url`, read as a stream. `promisedSize` sees the
    /// output so far and returns the total size its header promises once it can tell; decompression
    /// stops with an error as soon as the output exceeds that promise (a gzip bomb, or a file whose
    /// header lies), and a promise beyond what gzip can expand the file to is refused before any more
    /// is read.
    static func decompress(fileAt url: URL, promisedSize: (Data) throws(DatasetError) -> Int? = { _ in nil }) throws(DatasetError) -> Data {
        guard let gzip = executable(named: "gzip") else {
            throw .unreadable(path: url.path, reason: "gzip-compressed, and no `gzip` program on PATH to decompress it")
        }
        let compressedSize = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
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
        var data = Data()
        var limit: Int?
        var failure: DatasetError?
        while failure == nil, let chunk = try? output.fileHandleForReading.read(upToCount: 1 << 20), !chunk.isEmpty {
            data.append(chunk)
            do {
                if limit == nil, let promise = try promisedSize(data) {
                    limit = promise
                    if promise / Self.maximumExpansion > compressedSize {
                        failure = .malformed(path: url.path, reason: "its header promises \(promise) bytes, more than gzip can expand a \(compressedSize)-byte file to")
                    }
                }
                if let limit, data.count > limit {
                    failure = .malformed(path: url.path, reason: "decompresses to more than the \(limit) bytes its header promises (damaged, or a gzip bomb); stopped there")
                }
            } catch {
                failure = error
            }
        }
        if let failure {
            process.terminate()
            try? output.fileHandleForReading.close()
            process.waitUntilExit()
            throw failure
        }
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
