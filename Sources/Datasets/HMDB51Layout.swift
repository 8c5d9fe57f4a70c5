import Foundation

/// HMDB51 as its authors distribute it: `<action>/<video>.avi` (the per-action archives unpacked
/// under the root) and `testTrainMulti_7030_splits/<action>_test_split{1,2,3}.txt`, lines
/// `<video>.avi <code>`: 1 training, 2 test, 0 not used in that split (such a file may be absent).
public enum HMDB51Layout {
    /// The official splits.
    public static let splits = [1, 2, 3]
    /// The folder of split files.
    static let splitFolder = "testTrainMulti_7030_splits"

    /// Reads and checks split `split` under `root`.
    public static func load(root: URL, split: Int) throws -> RecognitionDataset {
        guard splits.contains(split) else { throw DatasetError.noSuchSplit(layout: "HMDB51", split: split, available: splits) }
        let folder = root.appendingPathComponent(splitFolder)
        let suffix = "_test_split\(split).txt"
        let listNames = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
        guard !listNames.isEmpty else {
            throw DatasetError.notThisLayout(layout: "HMDB51", root: root.path,
                                              expected: "<action>/*.avi and \(splitFolder)/<action>\(suffix)",
                                              found: DatasetLayout.contents(of: root))
        }
        let actions = listNames.map { String($0.dropLast(suffix.count)) }
        try refuseUnlistedClasses(root: root, actions: Set(actions), lists: folder, suffix: suffix)
        let files = CaseInsensitiveFiles(base: root)
        var train: [RecognitionDataset.ListedClip] = [], test: [RecognitionDataset.ListedClip] = []
        for (a, action) in actions.enumerated() {
            let url = folder.appendingPathComponent(listNames[a])
            for line in try ListFile.lines(of: url, what: "an HMDB51 split file") {
                let fields = ListFile.fields(line.text)
                guard fields.count == 2 else {
                    throw DatasetError.malformedLine(file: url.path, line: line.number, text: line.text, expected: "\"<video>.avi <0|1|2>\"")
                }
                guard let code = Int(fields[1]), (0...2).contains(code) else {
                    throw DatasetError.badSplitCode(file: url.path, line: line.number, code: fields[1])
                }
                if code == 0 { continue }
                let video = try ListedPath.normalised(fields[0], file: url.path, line: line.number, folder: "\(root.path)/\(action)/")
                guard let file = files.find("\(action)/\(video)") else {
                    throw DatasetError.missingVideo(file: url.path, line: line.number,
                                                     video: root.appendingPathComponent("\(action)/\(fields[0])").path)
                }
                let clip = RecognitionDataset.ListedClip(name: ((video as NSString).lastPathComponent as NSString).deletingPathExtension, file: file,
                                                         classIndex: a, origin: "\(url.path):\(line.number)")
                if code == 1 { train.append(clip) } else { test.append(clip) }
            }
        }
        return try RecognitionDataset.singleLabel(
            layout: "HMDB51", root: root, classes: actions, train: train, test: test, splitName: "\(split)",
            notes: files.notes,
            lists: ("no line of \(folder.path)/*\(suffix) has code 1", "no line of \(folder.path)/*\(suffix) has code 2"),
            emptyClass: "no line of its split file has code 1",
            classOrigin: { folder.appendingPathComponent(listNames[$0]).path })
    }

    /// File name extensions of videos, for finding an action folder without a split file.
    static let videoExtensions: Set<String> = ["avi", "mp4", "mkv", "webm", "mov", "mpg", "mpeg", "m4v", "ogv", "wmv", "flv"]

    /// Refuses a folder of videos under `root` whose action has no split file: its clips would be
    /// left out of the run unseen (and splits with different classes averaged).
    static func refuseUnlistedClasses(root: URL, actions: Set<String>, lists: URL, suffix: String) throws {
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") && name != splitFolder && !actions.contains(name) {
            let folder = root.appendingPathComponent(name)
            guard DatasetLayout.isFolder(folder) else { continue }
            let videos = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? [])
                .count { videoExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
            if videos > 0 {
                throw DatasetError.unlistedClass(folder: folder.path, videos: videos,
                                                  missing: lists.appendingPathComponent(name + suffix).path)
            }
        }
    }
}
