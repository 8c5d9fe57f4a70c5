import Foundation
import Support

/// A labelled video dataset ready for the recognition protocol, whatever layout it was read from
/// (Hollywood2, UCF101, HMDB51, KTH, CSV lists): one split's training and test clips with their
/// files and labels, the class names, and what a reader of the report should know about it.
public struct RecognitionDataset: Sendable {
    /// The layout's name, e.g. "UCF101".
    public let layout: String
    /// The dataset's root folder.
    public let root: URL
    /// Class names, in the order of the labels' columns.
    public let classes: [String]
    /// The training clips.
    public let train: Split
    /// The test clips.
    public let test: Split
    /// True when every clip shows exactly one class (accuracy and a confusion matrix then make sense).
    public let singleLabel: Bool
    /// Which split this is, e.g. "1" or "Schuldt et al. person split".
    public let splitName: String
    /// Sentences for the report: how the split is used, names matched ignoring capitalisation, ...
    public let notes: [String]

    /// One split: clip names, their files and their labels.
    public struct Split: Sendable {
        /// Clip names (unique in the dataset; used to name cached files).
        public let clips: [String]
        /// The video file of each clip, in `clips` order.
        public let files: [URL]
        /// `labels[i][c]` is true when clip i shows class c.
        public let labels: [[Bool]]

        /// A split of `clips`, their `files` and `labels`.
        public init(clips: [String], files: [URL], labels: [[Bool]]) {
            self.clips = clips
            self.files = files
            self.labels = labels
        }

        /// The number of clips showing class `c`.
        public func positives(_ c: Int) -> Int { labels.reduce(0) { $0 + ($1[c] ? 1 : 0) } }

        /// The class of clip `i` of a single-label split (its first label).
        public func classIndex(_ i: Int) -> Int { labels[i].firstIndex(of: true) ?? -1 }
    }

    /// A dataset from its parts as they are.
    public init(layout: String, root: URL, classes: [String], train: Split, test: Split, singleLabel: Bool,
                splitName: String, notes: [String] = []) {
        self.layout = layout
        self.root = root
        self.classes = classes
        self.train = train
        self.test = test
        self.singleLabel = singleLabel
        self.splitName = splitName
        self.notes = notes
    }

    /// One clip of a single-label list, with where it was listed (for error messages).
    struct ListedClip {
        /// The clip's name.
        let name: String
        /// Its video file.
        let file: URL
        /// Its class, an index into the class names.
        let classIndex: Int
        /// Where it was listed, e.g. `ucfTrainTestlist/trainlist01.txt:12`.
        let origin: String
    }

    /// A single-label dataset from listed clips, checked: both splits hold clips (`lists` says where
    /// each split's clips are listed), every clip's video is a file (not a folder or a FIFO), no test clip is a training clip's file (`SplitOverlap`), no
    /// clip given twice, every class with a training clip (`classOrigin(c)` says where class c was
    /// defined and `emptyClass` where its training clips should have been, for the error).
    static func singleLabel(layout: String, root: URL, classes: [String], train: [ListedClip], test: [ListedClip],
                            splitName: String, notes: [String], lists: (train: String, test: String), emptyClass: String,
                            classOrigin: (Int) -> String) throws -> RecognitionDataset {
        guard !train.isEmpty else { throw DatasetError.emptySplit(split: "training", lists: lists.train) }
        guard !test.isEmpty else { throw DatasetError.emptySplit(split: "test", lists: lists.test) }
        for clip in train + test {
            if let kind = FileErrorReason.notARegularFile(clip.file.path) {
                throw DatasetError.notAFile(origin: clip.origin, video: clip.file.path, kind: kind)
            }
        }
        let entries = { (clips: [ListedClip]) in clips.map { SplitOverlap.Entry(file: $0.file, origin: $0.origin) } }
        try SplitOverlap.check(train: entries(train), test: entries(test))
        var seen: [String: String] = [:]
        for clip in train + test {
            if let first = seen[clip.name] { throw DatasetError.duplicateClip(name: clip.name, first: first, second: clip.origin) }
            seen[clip.name] = clip.origin
        }
        let trained = Set(train.map(\.classIndex))
        for c in classes.indices where !trained.contains(c) {
            throw DatasetError.emptyClass(name: classes[c], origin: classOrigin(c), detail: emptyClass)
        }
        func split(_ clips: [ListedClip]) -> Split {
            let sorted = clips.sorted { $0.name < $1.name }
            return Split(clips: sorted.map(\.name), files: sorted.map(\.file),
                         labels: sorted.map { clip in classes.indices.map { $0 == clip.classIndex } })
        }
        return RecognitionDataset(layout: layout, root: root, classes: classes, train: split(train), test: split(test),
                                  singleLabel: true, splitName: splitName, notes: notes)
    }

    /// Counts for a person: clips per split and per class (flagging a class without a positive test
    /// clip, whose AP is undefined), and the notes.
    public var summary: String {
        var lines = ["\(layout) split \(splitName): \(classes.count) classes, \(train.clips.count) training clips, \(test.clips.count) test clips"]
        let width = classes.map(\.count).max() ?? 0
        for (c, name) in classes.enumerated() {
            let note = test.positives(c) == 0 ? "  (no positive test clip: AP undefined, left out of the mean)" : ""
            lines.append("  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  train \(train.positives(c))  test \(test.positives(c))\(note)")
        }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }
}
