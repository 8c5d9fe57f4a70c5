import Foundation

/// The video dataset layouts `evaluate` reads, each as its authors distribute it.
public enum DatasetLayout: String, CaseIterable, Sendable {
    /// `AVIClips/`, `ClipSets/<Action>_{train,test}.txt` (multi-label).
    case hollywood2
    /// `UCF-101/`, `ucfTrainTestlist/` (three splits).
    case ucf101
    /// `<action>/`, `testTrainMulti_7030_splits/` (three splits).
    case hmdb51
    /// `<action>/personNN_<action>_dK_uncomp.avi` (Schuldt et al.'s person split).
    case kth
    /// `train.csv`, `test.csv` with `path,label`.
    case csv

    /// The splits the layout defines.
    public var splits: [Int] {
        switch self {
        case .ucf101: return UCF101Layout.splits
        case .hmdb51: return HMDB51Layout.splits
        case .hollywood2, .kth, .csv: return [1]
        }
    }

    /// Reads and checks split `split` of the dataset under `root`.
    public func load(root: URL, split: Int = 1) throws -> RecognitionDataset {
        switch self {
        case .hollywood2:
            guard split == 1 else { throw DatasetError.noSuchSplit(layout: "Hollywood2", split: split, available: [1]) }
            return try Hollywood2Layout(root: root).dataset
        case .ucf101: return try UCF101Layout.load(root: root, split: split)
        case .hmdb51: return try HMDB51Layout.load(root: root, split: split)
        case .kth: return try KTHLayout.load(root: root, split: split)
        case .csv: return try CSVLayout.load(root: root, split: split)
        }
    }

    /// Whether `root` holds this layout's marker files (not whether they are valid).
    func isPresent(at root: URL) -> Bool {
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path) }
        switch self {
        case .hollywood2: return exists("AVIClips") && exists("ClipSets")
        case .ucf101: return exists("UCF-101") || exists("ucfTrainTestlist")
        case .hmdb51: return exists(HMDB51Layout.splitFolder)
        case .kth: return KTHLayout.actions.contains(where: exists)
        case .csv: return exists("train.csv") || exists("test.csv")
        }
    }

    /// What `root` holds, for an error about a wrong layout: its first entries and the layouts they look like.
    static func contents(of root: URL) -> String {
        guard isFolder(root) else { return "no such folder" }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        guard !names.isEmpty else { return "an empty folder" }
        var text = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", ... (\(names.count) entries)" : "")
        let likely = allCases.filter { $0.isPresent(at: root) }
        if !likely.isEmpty { text += "; this looks like the \(likely.map(\.rawValue).joined(separator: " or ")) layout" }
        return text
    }

    /// Whether a folder exists at `url`.
    package static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
