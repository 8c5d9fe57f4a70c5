import Foundation

/// Where the tests find their inputs and the ffmpeg CLI.
enum TestFiles {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The project's own fixture videos.
    static let fixtures = packageRoot.appendingPathComponent("Fixtures/videos")

    /// The shared real clips beside the project (`<repo>/../shared/data/videos`), absent on a fresh clone.
    static let sharedVideos = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/videos")

    /// Whether the shared real clips are there.
    static let haveSharedVideos = FileManager.default.fileExists(atPath: sharedVideos.path)

    /// The ffmpeg CLI on PATH, if any.
    static let ffmpeg: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("ffmpeg") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// The video files in `folder`, sorted by name.
    static func videos(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in [".avi", ".mp4", ".mkv", ".mov", ".gif"].contains { name.hasSuffix($0) } }
            .sorted().map { folder.appendingPathComponent($0) }
    }

    /// A fresh empty folder for one test's outputs.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zae-video-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
