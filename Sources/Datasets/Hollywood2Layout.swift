import Foundation
import Support

/// A labelled video dataset in the Hollywood2 layout: `AVIClips/<clip>.<ext>` and
/// `ClipSets/<Action>_{train,test}.txt` with lines `<clip> <1|-1>`.
///
/// Actions are discovered from ClipSets, so any dataset arranged this way works. Loading checks the
/// whole layout before any heavy work: both lists exist for every action, every line parses (LF or
/// CRLF), no file lists a clip twice, every listed clip exists, each split lists the same clips for
/// every action, no clip is in both splits (by name or by file: `SplitOverlap`), the test split is
/// not empty, every action has positive and negative training clips.
/// An action without a positive test clip is allowed: its AP is undefined, and the report says so.
public struct Hollywood2Layout: Sendable {
    /// The dataset's root folder.
    public let root: URL
    /// Action names, sorted.
    public let actions: [String]
    /// The training split.
    public let train: Split
    /// The test split.
    public let test: Split

    /// One split: clip names, their files and their labels (clips can show several actions).
    public typealias Split = RecognitionDataset.Split

    /// Reads and checks the layout under `root`.
    public init(root: URL) throws {
        let fm = FileManager.default
        let clipsFolder = root.appendingPathComponent("AVIClips")
        let setsFolder = root.appendingPathComponent("ClipSets")
        var isDir: ObjCBool = false
        for folder in [root, clipsFolder, setsFolder] {
            guard fm.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
                throw DatasetError.missingFolder(path: folder.path)
            }
        }
        var videoFiles: [String: URL] = [:]
        for name in try fm.contentsOfDirectory(atPath: clipsFolder.path) where !name.hasPrefix(".") {
            let url = clipsFolder.appendingPathComponent(name)
            videoFiles[url.deletingPathExtension().lastPathComponent] = url
        }
        let listNames = Set(try fm.contentsOfDirectory(atPath: setsFolder.path))
        let actions = Set(listNames.compactMap { name -> String? in
            for suffix in ["_train.txt", "_test.txt"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
            return nil
        }).sorted()
        guard !actions.isEmpty else { throw DatasetError.noClipSets(path: setsFolder.path) }
        for action in actions {
            let (train, test) = ("\(action)_train.txt", "\(action)_test.txt")
            if !listNames.contains(train) || !listNames.contains(test) {
                let (present, missing) = listNames.contains(train) ? (train, test) : (test, train)
                throw DatasetError.missingList(present: setsFolder.appendingPathComponent(present).path,
                                          missing: setsFolder.appendingPathComponent(missing).path)
            }
        }

        func readSplit(_ split: String) throws -> Split {
            var clips: [String] = []
            var labels: [String: [Bool]] = [:]
            for (a, action) in actions.enumerated() {
                let file = setsFolder.appendingPathComponent("\(action)_\(split).txt")
                let entries = try Self.parseClipSet(file)
                let names = entries.map(\.clip)
                if a == 0 {
                    clips = names.sorted()
                    for name in clips { labels[name] = [Bool](repeating: false, count: actions.count) }
                } else if Set(names) != Set(clips) {
                    let extra = Set(names).subtracting(clips).sorted().prefix(3)
                    let absent = Set(clips).subtracting(names).sorted().prefix(3)
                    let parts = [extra.isEmpty ? nil : "not in it: \(extra.joined(separator: ", "))",
                                 absent.isEmpty ? nil : "missing here: \(absent.joined(separator: ", "))"].compactMap { $0 }
                    throw DatasetError.inconsistentSplit(split: split, action: action, detail:
                        "lists other clips than ClipSets/\(actions[0])_\(split).txt (\(parts.joined(separator: "; ")))")
                }
                for entry in entries where entry.positive { labels[entry.clip]![a] = true }
            }
            var files: [URL] = []
            for clip in clips {
                guard let url = videoFiles[clip] else {
                    throw DatasetError.missingClip(clip: clip, listedIn: "ClipSets/\(actions[0])_\(split).txt")
                }
                if let kind = FileErrorReason.notARegularFile(url.path) {
                    throw DatasetError.notAFile(origin: "clip \(clip) of ClipSets/*_\(split).txt", video: url.path, kind: kind)
                }
                files.append(url)
            }
            return Split(clips: clips, files: files, labels: clips.map { labels[$0]! })
        }

        let train = try readSplit("train")
        let test = try readSplit("test")
        let shared = Set(train.clips).intersection(test.clips).sorted()
        if !shared.isEmpty { throw DatasetError.sharedClips(clips: Array(shared.prefix(3)), count: shared.count) }
        guard !test.clips.isEmpty else {
            throw DatasetError.emptySplit(split: "test", lists: "\(setsFolder.path)/<Action>_test.txt")
        }
        let entries = { (split: Split, list: String) in
            zip(split.clips, split.files).map { SplitOverlap.Entry(file: $1, origin: "\($1.path) (clip \($0) of ClipSets/*_\(list).txt)") }
        }
        try SplitOverlap.check(train: entries(train, "train"), test: entries(test, "test"))
        for (a, action) in actions.enumerated() {
            if train.positives(a) == 0 { throw DatasetError.noPositiveTraining(action: action) }
            if train.positives(a) == train.clips.count { throw DatasetError.noNegativeTraining(action: action) }
        }
        self.root = root
        self.actions = actions
        self.train = train
        self.test = test
    }

    /// The `(clip, positive)` entries of one ClipSets file: UTF-8 text, LF or CRLF line ends, each
    /// clip once.
    static func parseClipSet(_ file: URL) throws -> [(clip: String, positive: Bool)] {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw DatasetError.unreadable(path: file.path, reason: FileErrorReason.of(error))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError.unreadable(path: file.path, reason: "not UTF-8 text")
        }
        var entries: [(clip: String, positive: Bool)] = []
        var firstLine: [String: (line: Int, positive: Bool)] = [:]
        // Splitting at Character.isNewline takes "\r\n" (one Character) as a line end too.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty { continue }
            guard fields.count == 2, fields[1] == "1" || fields[1] == "-1" else {
                throw DatasetError.malformedLine(file: file.path, line: index + 1, text: String(line), expected: "\"<clip> <1|-1>\"")
            }
            let clip = String(fields[0]), positive = fields[1] == "1"
            if let earlier = firstLine[clip] {
                throw DatasetError.repeatedClip(file: file.path, clip: clip, lines: [earlier.line, index + 1], conflicting: earlier.positive != positive)
            }
            firstLine[clip] = (index + 1, positive)
            entries.append((clip, positive))
        }
        return entries
    }

    /// The name of the layout's one split (what a report's `split` says).
    public static let splitName = "ClipSets train/test"

    /// The dataset as the recognition protocol takes it: multi-label, one split.
    public var dataset: RecognitionDataset {
        RecognitionDataset(layout: "Hollywood2", root: root, classes: actions, train: train, test: test, singleLabel: false,
                           splitName: Self.splitName)
    }

    /// Counts for a person: clips per split and positives per action.
    public var summary: String {
        var lines = ["\(actions.count) actions, \(train.clips.count) training clips, \(test.clips.count) test clips"]
        let width = actions.map(\.count).max() ?? 0
        for (a, action) in actions.enumerated() {
            lines.append("  \(action.padding(toLength: width, withPad: " ", startingAt: 0))  train \(train.positives(a))  test \(test.positives(a))")
        }
        return lines.joined(separator: "\n")
    }
}
