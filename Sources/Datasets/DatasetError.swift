/// Why a dataset, a layout, the videos a command is given or a generated dataset cannot be used:
/// each case names the file or folder (and line, where there is one) and the problem, in one line,
/// before any heavy work starts where that can be known up front.
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    // Files of any dataset.
    /// A file the dataset needs is not there.
    case missingFile(path: String, what: String)
    /// The file exists but could not be read (permissions, I/O, decompression, not text).
    case unreadable(path: String, reason: String)
    /// The file was read but its contents are not what the format promises.
    case malformed(path: String, reason: String)
    /// A request that the data cannot satisfy (for example a crop larger than the images, or a
    /// generated dataset of sizes or sources the writer cannot use).
    case invalidRequest(reason: String)

    // Benchmark layouts (UCF101, HMDB51, KTH, CSV lists).
    /// The root holds none of the files the layout expects.
    case notThisLayout(layout: String, root: String, expected: String, found: String)
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

    // The Hollywood2 layout (AVIClips/, ClipSets/).
    /// The root, `AVIClips/` or `ClipSets/` is missing.
    case missingFolder(path: String)
    /// `ClipSets/` holds no `<Action>_train.txt` / `<Action>_test.txt` pair.
    case noClipSets(path: String)
    /// An action has one of its two lists but not the other.
    case missingList(present: String, missing: String)
    /// A clip is listed twice in one ClipSets file (with the same label, or with conflicting ones).
    case repeatedClip(file: String, clip: String, lines: [Int], conflicting: Bool)
    /// A listed clip has no video file.
    case missingClip(clip: String, listedIn: String)
    /// An action's list names other clips than the first action's list of the same split.
    case inconsistentSplit(split: String, action: String, detail: String)
    /// Clips listed in both the training and the test lists (`clips` shows the first few of `count`).
    case sharedClips(clips: [String], count: Int)
    /// No training clip shows the action.
    case noPositiveTraining(action: String)
    /// Every training clip shows the action: its classifier has no negative to learn from.
    case noNegativeTraining(action: String)

    // The videos a command is given (learn's training clips, extract's and predict's inputs).
    /// Nothing exists at the path.
    case noSuchPath(path: String)
    /// The folder holds no video file (`recursive`: none in its subfolders either).
    case noVideos(path: String, recursive: Bool)
    /// Two inputs would write the same outputs.
    case sameName(name: String, first: String, second: String)

    // Blocks cut from a clip.
    /// The clip is shorter or smaller than one block.
    case clipTooSmall(path: String, volume: String, block: String)
    /// A voxel is not an 8-bit gray level (0...255, whole), which decoded clips always are.
    case notEightBit(path: String, value: Float)

    // Generated datasets (motions, camera motion).
    /// The output folder holds something other than a dataset.
    case occupiedOutput(path: String)
    /// A clip of a generated dataset could not be made (a source stopped decoding, the writer failed).
    case clipNotMade(reason: String)

    public var description: String {
        switch self {
        case let .missingFile(path, what): return "\(path): missing (\(what))"
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .malformed(path, reason): return "\(path): \(reason)"
        case let .invalidRequest(reason): return reason
        case let .notThisLayout(layout, root, expected, found):
            return "\(root): not a dataset in the \(layout) layout (expected \(expected); found \(found))"
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
        case let .missingFolder(path): return "\(path): no such folder (a Hollywood2-layout root holds AVIClips/ and ClipSets/)"
        case let .noClipSets(path): return "\(path): no <Action>_train.txt and <Action>_test.txt files"
        case let .missingList(present, missing): return "\(missing): missing (\(present) exists; every action needs both lists)"
        case let .repeatedClip(file, clip, lines, conflicting):
            let lineList = "lines " + lines.map(String.init).joined(separator: " and ")
            return conflicting ? "\(file): clip \(clip) has conflicting labels (1 and -1) on \(lineList)"
                               : "\(file): clip \(clip) is listed twice (\(lineList))"
        case let .missingClip(clip, file): return "clip \(clip) listed in \(file) has no video file in AVIClips/"
        case let .inconsistentSplit(split, action, detail): return "ClipSets/\(action)_\(split).txt: \(detail)"
        case let .sharedClips(clips, count):
            return "\(count) clip\(count == 1 ? " is" : "s are") listed in both the training and the test lists (\(clips.joined(separator: ", "))\(count > clips.count ? ", ..." : "")): the test would measure clips the classifiers were trained on"
        case let .noPositiveTraining(action): return "action \(action) has no positive training clip"
        case let .noNegativeTraining(action): return "action \(action): every training clip is positive, so its classifier has no negative to learn from"
        case let .noSuchPath(path): return "\(path): no such file or folder"
        case let .noVideos(path, recursive):
            return "\(path): no video files \(recursive ? "under it" : "here") (looked for \(TrainingClips.videoExtensions.sorted().joined(separator: ", ")))"
        case let .sameName(name, first, second):
            return "\(first) and \(second) would both be written as \(name); give them separately from different folders or rename one"
        case let .clipTooSmall(path, volume, block): return "\(path): clip of \(volume) (frames x height x width) is smaller than one \(block) block"
        case let .notEightBit(path, value): return "\(path): pixel value \(value) is not an 8-bit gray level (0...255)"
        case let .occupiedOutput(path): return "\(path) holds something other than a dataset; choose another --out or pass --force to replace it"
        case let .clipNotMade(reason): return reason
        }
    }
}
