import Foundation

/// UCF101 as its authors distribute it: `UCF-101/<Class>/v_<Class>_gGG_cCC.avi` and
/// `ucfTrainTestlist/` with `classInd.txt` (`1 ApplyEyeMakeup`), `trainlist0N.txt`
/// (`ApplyEyeMakeup/v_ApplyEyeMakeup_g08_c01.avi 1`) and `testlist0N.txt` (the path only; the class
/// is the folder) for the three official splits.
///
/// The official lists have CRLF line ends, and one class's folder and files differ in capitalisation
/// (`HandstandPushups/v_HandStandPushups_...`): such names are matched ignoring capitalisation and the
/// report says so once; no listed clip is dropped.
public enum UCF101Layout {
    /// The official splits.
    public static let splits = [1, 2, 3]
    /// What the layout's root holds.
    static let expected = "UCF-101/<Class>/*.avi and ucfTrainTestlist/ with classInd.txt, trainlist0N.txt, testlist0N.txt"

    /// Reads and checks split `split` under `root`.
    public static func load(root: URL, split: Int) throws -> RecognitionDataset {
        guard splits.contains(split) else { throw DatasetError.noSuchSplit(layout: "UCF101", split: split, available: splits) }
        let videos = root.appendingPathComponent("UCF-101"), lists = root.appendingPathComponent("ucfTrainTestlist")
        guard DatasetLayout.isFolder(videos), DatasetLayout.isFolder(lists) else {
            throw DatasetError.notThisLayout(layout: "UCF101", root: root.path, expected: expected, found: DatasetLayout.contents(of: root))
        }
        let classFile = lists.appendingPathComponent("classInd.txt")
        let (classes, classLines) = try readClassIndex(classFile)
        var byLowercase: [String: Int] = [:]
        for (c, name) in classes.enumerated() { byLowercase[name.lowercased()] = c }

        let files = CaseInsensitiveFiles(base: videos)
        var renamedClasses: [String: String] = [:]
        /// The clips of one list; `labelled` lists carry the class number after the path.
        func readList(_ name: String, labelled: Bool) throws -> [RecognitionDataset.ListedClip] {
            let url = lists.appendingPathComponent(name)
            let form = labelled ? "\"<Class>/v_<Class>_gGG_cCC.avi <class number>\"" : "\"<Class>/v_<Class>_gGG_cCC.avi\""
            return try ListFile.lines(of: url, what: "the UCF101 list of split \(split)").map { line in
                var fields = ListFile.fields(line.text)
                if let listed = fields.first {
                    fields[0] = try ListedPath.normalised(listed, file: url.path, line: line.number, folder: videos.path + "/")
                }
                let parts = fields.first?.split(separator: "/").map(String.init) ?? []
                guard labelled ? fields.count == 2 : fields.count <= 2, parts.count == 2 else {
                    throw DatasetError.malformedLine(file: url.path, line: line.number, text: line.text, expected: form)
                }
                guard let c = byLowercase[parts[0].lowercased()] else {
                    throw DatasetError.unknownClass(file: url.path, line: line.number, name: parts[0], classList: classFile.path)
                }
                if fields.count == 2 {
                    guard let number = Int(fields[1]) else {
                        throw DatasetError.malformedLine(file: url.path, line: line.number, text: line.text, expected: form)
                    }
                    guard classLines.indices.contains(number - 1) else {
                        throw DatasetError.unknownClass(file: url.path, line: line.number, name: "number \(number)", classList: classFile.path)
                    }
                    guard number - 1 == c else {
                        throw DatasetError.malformedLine(file: url.path, line: line.number, text: line.text,
                                                          expected: "class number \(c + 1) for folder \(classes[c]) (classInd.txt)")
                    }
                }
                let stem = (parts[1] as NSString).deletingPathExtension
                let nameParts = stem.split(separator: "_", maxSplits: 2).map(String.init)
                guard nameParts.count == 3, nameParts[0] == "v", nameParts[1].lowercased() == classes[c].lowercased() else {
                    throw DatasetError.malformedLine(file: url.path, line: line.number, text: line.text,
                                                      expected: "a file named v_\(classes[c])_gGG_cCC in folder \(classes[c])")
                }
                if nameParts[1] != classes[c] { renamedClasses[classes[c]] = nameParts[1] }
                guard let file = files.find(fields[0]) else {
                    throw DatasetError.missingVideo(file: url.path, line: line.number, video: videos.appendingPathComponent(fields[0]).path)
                }
                return .init(name: stem, file: file, classIndex: c, origin: "\(url.path):\(line.number)")
            }
        }
        let train = try readList(String(format: "trainlist%02d.txt", split), labelled: true)
        let test = try readList(String(format: "testlist%02d.txt", split), labelled: false)
        var notes = renamedClasses.keys.sorted().map { name in
            "class \(name): its files are named v_\(renamedClasses[name]!)_* (capitalisation differs from the class; matched ignoring it)"
        }
        notes += files.notes
        return try RecognitionDataset.singleLabel(
            layout: "UCF101", root: root, classes: classes, train: train, test: test, splitName: "\(split)", notes: notes,
            lists: (lists.appendingPathComponent(String(format: "trainlist%02d.txt", split)).path,
                    lists.appendingPathComponent(String(format: "testlist%02d.txt", split)).path),
            emptyClass: "none in \(lists.path)/" + String(format: "trainlist%02d.txt", split),
            classOrigin: { "\(classFile.path):\(classLines[$0])" })
    }

    /// Class names in index order and the line each was defined on; the indices must run 1, 2, 3, ...
    static func readClassIndex(_ url: URL) throws -> (names: [String], lines: [Int]) {
        var names: [String] = [], lines: [Int] = []
        for line in try ListFile.lines(of: url, what: "UCF101's class index") {
            let fields = ListFile.fields(line.text)
            guard fields.count == 2, Int(fields[0]) == names.count + 1, !names.contains(fields[1]) else {
                throw DatasetError.malformedLine(file: url.path, line: line.number, text: line.text,
                                                  expected: "\"\(names.count + 1) <ClassName>\" (numbers in order, names unique)")
            }
            names.append(fields[1])
            lines.append(line.number)
        }
        guard !names.isEmpty else { throw DatasetError.missingFile(path: url.path, what: "no class in UCF101's class index") }
        return (names, lines)
    }
}
