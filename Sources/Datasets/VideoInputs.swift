import Foundation

/// One video a command works on, and the name its outputs get: its path relative to the input it
/// was found under (or to a dataset's root), without the extension, so `extract` mirrors the
/// input's folders (`AVIClips/clip1.avi` -> `AVIClips/clip1.npy`).
public struct VideoInput: Sendable, Equatable {
    /// The video file.
    public let file: URL
    /// Its relative path without extension, `/`-separated.
    public let name: String

    /// A video and its output name.
    public init(file: URL, name: String) {
        self.file = file
        self.name = name
    }

    /// A dataset's clip named by its path under the dataset's `root` (its file name when it lies
    /// elsewhere): what `extract --dataset` names its features and `evaluate --descriptors` looks for.
    public init(clip file: URL, root: URL) {
        let path = file.standardizedFileURL.path, rootPath = root.standardizedFileURL.path + "/"
        let relative = path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : (path as NSString).lastPathComponent
        self.init(file: file, name: (relative as NSString).deletingPathExtension)
    }
}

/// The videos named on a command line: video files (named by their stem), folders (every video
/// file under them, recursively, named by their path inside the folder), or every clip of a
/// dataset layout (over all its splits, named by their path under the root).
public enum VideoInputs {
    /// The videos of `paths`, in the order given (a folder's sorted by name).
    public static func resolve(_ paths: [URL]) throws -> [VideoInput] {
        let fm = FileManager.default
        var inputs: [VideoInput] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path.path, isDirectory: &isDirectory) else { throw DatasetError.noSuchPath(path: path.path) }
            guard isDirectory.boolValue else {
                inputs.append(VideoInput(file: path, name: path.deletingPathExtension().lastPathComponent))
                continue
            }
            let found = ((try? fm.subpathsOfDirectory(atPath: path.path)) ?? [])
                .filter { relative in
                    !relative.split(separator: "/").contains { $0.hasPrefix(".") }
                        && TrainingClips.videoExtensions.contains((relative as NSString).pathExtension.lowercased())
                }
                .sorted()
            guard !found.isEmpty else { throw DatasetError.noVideos(path: path.path, recursive: true) }
            inputs += found.map { VideoInput(file: path.appendingPathComponent($0), name: ($0 as NSString).deletingPathExtension) }
        }
        try checkDistinct(inputs)
        return inputs
    }

    /// Every clip of the dataset at `root` in `layout`, over all its splits, each once, sorted by name.
    public static func clips(of layout: DatasetLayout, root: URL) throws -> [VideoInput] {
        var files: [String: URL] = [:]
        for split in layout.splits {
            let dataset = try layout.load(root: root, split: split)
            for file in dataset.train.files + dataset.test.files { files[file.standardizedFileURL.path] = file }
        }
        let inputs = files.keys.sorted().map { VideoInput(clip: files[$0]!, root: root) }
        try checkDistinct(inputs)
        return inputs
    }

    private static func checkDistinct(_ inputs: [VideoInput]) throws {
        var seen: [String: URL] = [:]
        for input in inputs {
            if let first = seen[input.name] { throw DatasetError.sameName(name: input.name, first: first.path, second: input.file.path) }
            seen[input.name] = input.file
        }
    }
}
