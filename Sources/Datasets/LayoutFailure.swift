/// Why a benchmark dataset's layout (UCF101, HMDB51, KTH, CSV lists) cannot be used: each case names
/// the file (and line, where there is one) and the problem, in one line, before any heavy work starts.
public enum LayoutFailure: Error, CustomStringConvertible, Equatable {
    /// The root holds none of the files the layout expects.
    case notThisLayout(layout: String, root: String, expected: String, found: String)
    /// A file the layout needs is missing.
    case missingFile(path: String, what: String)
    /// A list line does not have the layout's form.
    case malformedLine(file: String, line: Int, text: String, expected: String)
    /// A list line names a video that is not there.
    case missingVideo(file: String, line: Int, video: String)
    /// A list line names a class the class list does not have.
    case unknownClass(file: String, line: Int, name: String, classList: String)
    /// A split file line carries a code other than 0, 1 or 2.
    case badSplitCode(file: String, line: Int, code: String)
    /// A class without a single training clip (no classifier can be trained for it).
    case emptyClass(name: String, origin: String, detail: String)
    /// A KTH file whose person number is outside 1-25.
    case personOutOfRange(file: String, person: Int)
    /// A video whose name does not follow the layout's naming scheme.
    case malformedName(file: String, expected: String)
    /// Two entries give the same clip.
    case duplicateClip(name: String, first: String, second: String)
    /// The layout has no such split.
    case noSuchSplit(layout: String, split: Int, available: [Int])
    /// A listed path is absolute or leads out of the folder the layout's paths start from.
    case pathOutside(file: String, line: Int, path: String, folder: String, why: String)
    /// A test clip is a training clip's video under another path or name.
    case leakage(train: String, test: String, how: String)
    /// A split has no clip at all (`lists` says where its clips should have been).
    case emptySplit(split: String, lists: String)
    /// A listed video that is not a file (a folder, a FIFO, a device, a symbolic link loop).
    case notAFile(origin: String, video: String, kind: String)
    /// A folder of videos whose class has no split file, so its clips would be left out unseen.
    case unlistedClass(folder: String, videos: Int, missing: String)

    public var description: String {
        switch self {
        case let .notThisLayout(layout, root, expected, found):
            return "\(root): not a dataset in the \(layout) layout (expected \(expected); found \(found))"
        case let .missingFile(path, what): return "\(path): missing (\(what))"
        case let .malformedLine(file, line, text, expected):
            return "\(file):\(line): malformed line \"\(text)\" (expected \(expected))"
        case let .missingVideo(file, line, video): return "\(file):\(line): video \(video) does not exist"
        case let .unknownClass(file, line, name, classList): return "\(file):\(line): class \(name) is not in \(classList)"
        case let .badSplitCode(file, line, code):
            return "\(file):\(line): split code \(code) is not 0 (unused), 1 (training) or 2 (test)"
        case let .emptyClass(name, origin, detail): return "\(origin): class \(name) has no training clip (\(detail))"
        case let .personOutOfRange(file, person): return "\(file): person \(person) is outside 1-25"
        case let .malformedName(file, expected): return "\(file): name does not follow \(expected)"
        case let .duplicateClip(name, first, second): return "\(second): clip \(name) is already given by \(first)"
        case let .noSuchSplit(layout, split, available):
            return "\(layout) has no split \(split) (its splits: \(available.map(String.init).joined(separator: ", ")))"
        case let .pathOutside(file, line, path, folder, why):
            return "\(file):\(line): path \(path) \(why) (a listed path is relative to \(folder) and stays inside it)"
        case let .leakage(train, test, how):
            return "\(test): this test clip is \(how) as the training clip of \(train): the test would measure a clip the classifiers were trained on"
        case let .emptySplit(split, lists): return "\(lists): no \(split) clip, so there is nothing to \(split == "test" ? "test" : "train on")"
        case let .notAFile(origin, video, kind): return "\(origin): video \(video) is \(kind)"
        case let .unlistedClass(folder, videos, missing):
            return "\(folder): \(videos) video\(videos == 1 ? "" : "s") but no split file \(missing): the class would be left out of the run"
        }
    }
}
