import Foundation

/// Where `learn` takes its training clips from: a Hollywood2-layout root (its training clips), a
/// folder of video files, or a single video file.
public enum TrainingClips {
    /// File extensions taken as video when listing a folder.
    public static let videoExtensions: Set<String> = ["avi", "mp4", "mkv", "mov", "webm", "mpg", "mpeg", "m4v", "ogv", "wmv", "flv"]

    /// The training clips under `path`, sorted, and a one-line account of where they came from.
    public static func resolve(_ path: URL) throws -> (clips: [URL], source: String) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path.path, isDirectory: &isDir) else { throw DatasetError.noSuchPath(path: path.path) }
        guard isDir.boolValue else { return ([path], "the video file \(path.path)") }
        if fm.fileExists(atPath: path.appendingPathComponent("ClipSets").path) {
            let layout = try Hollywood2Layout(root: path)
            return (layout.train.files, "the \(layout.train.clips.count) training clips of the Hollywood2-layout dataset \(path.path)")
        }
        let clips = try fm.contentsOfDirectory(atPath: path.path)
            .filter { !$0.hasPrefix(".") && videoExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted().map { path.appendingPathComponent($0) }
        guard !clips.isEmpty else { throw DatasetError.noVideos(path: path.path, recursive: false) }
        return (clips, "the \(clips.count) video files in \(path.path)")
    }
}
