import Foundation

/// Where tests find the project's own inputs, the shared real clips beside it, and the ffmpeg CLI.
public enum TestPaths {
    /// The package root, found from this file's path.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The project's own fixture videos.
    public static let fixtureVideos = packageRoot.appendingPathComponent("Fixtures/videos")

    /// A pipeline file of the project (`Pipelines/NAME`).
    public static func pipeline(_ name: String) -> URL { packageRoot.appendingPathComponent("Pipelines/\(name)") }

    /// The shared real clips beside the project (`<repo>/../shared/data/videos`), absent on a fresh clone.
    public static let sharedVideos = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/videos")

    /// Whether the shared real clips are there.
    public static let haveSharedVideos = FileManager.default.fileExists(atPath: sharedVideos.path)

    /// The ffmpeg CLI on PATH, if any.
    public static let ffmpeg: URL? = executable(named: "ffmpeg")

    /// The first executable called `name` on PATH, if any.
    public static func executable(named name: String) -> URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The video files in `folder`, sorted by name.
    public static func videos(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in [".avi", ".mp4", ".mkv", ".mov", ".gif"].contains { name.hasSuffix($0) } }
            .sorted().map { folder.appendingPathComponent($0) }
    }
}
