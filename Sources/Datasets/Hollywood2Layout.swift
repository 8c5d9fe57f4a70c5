import Foundation

/// A labelled video dataset in the Hollywood2 layout: `AVIClips/<clip>.<ext>` and
/// `ClipSets/<Action>_{train,test}.txt` with lines `<clip> <1|-1>`.
///
/// Actions are discovered from ClipSets, so any dataset arranged this way works. Loading checks the
/// whole layout before any heavy work: every listed clip exists, each split lists the same clips
/// for every action, every line parses, every action has a positive training clip.
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

    /// Why a dataset folder cannot be used.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// The root, `AVIClips/` or `ClipSets/` is missing.
        case missingFolder(path: String)
        /// `ClipSets/` holds no `<Action>_train.txt` / `<Action>_test.txt` pair.
        case noClipSets(path: String)
        /// A ClipSets line is not `<clip> <1|-1>`.
        case malformedLine(file: String, line: Int, text: String)
        /// A listed clip has no video file.
        case missingClip(clip: String, listedIn: String)
        /// An action's list names other clips than the first action's list of the same split.
        case inconsistentSplit(split: String, action: String, detail: String)
        /// No training clip shows the action.
        case noPositiveTraining(action: String)

        public var description: String {
            switch self {
            case let .missingFolder(path): return "\(path): no such folder (a Hollywood2-layout root holds AVIClips/ and ClipSets/)"
            case let .noClipSets(path): return "\(path): no <Action>_train.txt and <Action>_test.txt files"
            case let .malformedLine(file, line, text): return "\(file):\(line): malformed line \"\(text)\" (expected \"<clip> <1|-1>\")"
            case let .missingClip(clip, file): return "clip \(clip) listed in \(file) has no video file in AVIClips/"
            case let .inconsistentSplit(split, action, detail): return "ClipSets/\(action)_\(split).txt: \(detail)"
            case let .noPositiveTraining(action): return "action \(action) has no positive training clip"
            }
        }
    }

    /// Reads and checks the layout under `root`.
    public init(root: URL) throws {
        let fm = FileManager.default
        let clipsFolder = root.appendingPathComponent("AVIClips")
        let setsFolder = root.appendingPathComponent("ClipSets")
        var isDir: ObjCBool = false
        for folder in [root, clipsFolder, setsFolder] {
            guard fm.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
                throw Failure.missingFolder(path: folder.path)
            }
        }
        var videoFiles: [String: URL] = [:]
        for name in try fm.contentsOfDirectory(atPath: clipsFolder.path) where !name.hasPrefix(".") {
            let url = clipsFolder.appendingPathComponent(name)
            videoFiles[url.deletingPathExtension().lastPathComponent] = url
        }
        let listNames = try fm.contentsOfDirectory(atPath: setsFolder.path)
        let actions = Set(listNames.compactMap { name -> String? in
            name.hasSuffix("_train.txt") ? String(name.dropLast("_train.txt".count)) : nil
        }).filter { listNames.contains("\($0)_test.txt") }.sorted()
        guard !actions.isEmpty else { throw Failure.noClipSets(path: setsFolder.path) }

        func readSplit(_ split: String) throws -> Split {
            var clips: [String] = []
            var labels: [String: [Bool]] = [:]
            for (a, action) in actions.enumerated() {
                let file = setsFolder.appendingPathComponent("\(action)_\(split).txt")
                let entries = try Self.parseClipSet(file)
                let names = entries.map(\.clip)
                if a == 0 {
                    clips = names.sorted()
                    guard Set(clips).count == clips.count else {
                        throw Failure.inconsistentSplit(split: split, action: action, detail: "lists a clip twice")
                    }
                    for name in clips { labels[name] = [Bool](repeating: false, count: actions.count) }
                } else if Set(names) != Set(clips) || names.count != clips.count {
                    let extra = Set(names).subtracting(clips).sorted().prefix(3)
                    let absent = Set(clips).subtracting(names).sorted().prefix(3)
                    throw Failure.inconsistentSplit(split: split, action: action, detail:
                        "lists other clips than ClipSets/\(actions[0])_\(split).txt (extra: \(extra.joined(separator: ", ")); missing: \(absent.joined(separator: ", ")))")
                }
                for entry in entries where entry.positive { labels[entry.clip]![a] = true }
            }
            var files: [URL] = []
            for clip in clips {
                guard let url = videoFiles[clip] else {
                    throw Failure.missingClip(clip: clip, listedIn: "ClipSets/\(actions[0])_\(split).txt")
                }
                files.append(url)
            }
            return Split(clips: clips, files: files, labels: clips.map { labels[$0]! })
        }

        let train = try readSplit("train")
        let test = try readSplit("test")
        for (a, action) in actions.enumerated() where train.positives(a) == 0 {
            throw Failure.noPositiveTraining(action: action)
        }
        self.root = root
        self.actions = actions
        self.train = train
        self.test = test
    }

    /// The `(clip, positive)` entries of one ClipSets file.
    static func parseClipSet(_ file: URL) throws -> [(clip: String, positive: Bool)] {
        let text = try String(contentsOf: file, encoding: .utf8)
        var entries: [(clip: String, positive: Bool)] = []
        // Split on any newline: a CRLF pair is one Swift character, so splitting on "\n" would miss it.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count == 2, fields[1] == "1" || fields[1] == "-1" else {
                throw Failure.malformedLine(file: file.path, line: index + 1, text: String(line))
            }
            entries.append((String(fields[0]), fields[1] == "1"))
        }
        return entries
    }

    /// The dataset as the recognition protocol takes it: multi-label, one split.
    public var dataset: RecognitionDataset {
        RecognitionDataset(layout: "Hollywood2", root: root, classes: actions, train: train, test: test, singleLabel: false,
                           splitName: "ClipSets train/test")
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
