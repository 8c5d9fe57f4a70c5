import Foundation

/// A user's own dataset without any layout: `train.csv` and `test.csv` under the root, each with the
/// header `path,label` and one clip per line (paths relative to the root, inside it: `ListedPath`;
/// fields may be quoted, as in RFC 4180). The classes are the training labels, sorted; a test label must be one of them.
public enum CSVLayout {
    /// The one split.
    public static let splits = [1]

    /// Reads and checks the lists under `root`.
    public static func load(root: URL, split: Int = 1) throws -> RecognitionDataset {
        guard splits.contains(split) else { throw DatasetError.noSuchSplit(layout: "CSV", split: split, available: splits) }
        let trainFile = root.appendingPathComponent("train.csv"), testFile = root.appendingPathComponent("test.csv")
        let fm = FileManager.default
        guard fm.fileExists(atPath: trainFile.path) || fm.fileExists(atPath: testFile.path) else {
            throw DatasetError.notThisLayout(layout: "CSV", root: root.path, expected: "train.csv and test.csv with the header path,label",
                                              found: DatasetLayout.contents(of: root))
        }
        let trainRows = try rows(of: trainFile, root: root)
        let classes = Set(trainRows.map(\.label)).sorted()
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let testRows = try rows(of: testFile, root: root)
        func clips(_ rows: [Row], file: URL) throws -> [RecognitionDataset.ListedClip] {
            try rows.map { row in
                guard let c = index[row.label] else {
                    throw DatasetError.unknownClass(file: file.path, line: row.line, name: row.label, classList: "the labels of \(trainFile.path)")
                }
                return .init(name: row.clip, file: row.file, classIndex: c, origin: "\(file.path):\(row.line)")
            }
        }
        return try RecognitionDataset.singleLabel(
            layout: "CSV", root: root, classes: classes, train: try clips(trainRows, file: trainFile),
            test: try clips(testRows, file: testFile), splitName: "train.csv/test.csv", notes: [], lists: (trainFile.path, testFile.path),
            emptyClass: "train.csv has no row", classOrigin: { _ in trainFile.path })
    }

    /// One listed clip.
    struct Row {
        /// Its line in the file.
        let line: Int
        /// The video file.
        let file: URL
        /// The clip's name (`ClipID`).
        let clip: String
        /// Its label.
        let label: String
    }

    /// The rows of one list, each video checked to exist.
    static func rows(of url: URL, root: URL) throws -> [Row] {
        let lines = try ListFile.lines(of: url, what: "the CSV layout's list, with the header path,label")
        guard let header = lines.first, fields(header.text)?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) == ["path", "label"] else {
            throw DatasetError.malformedLine(file: url.path, line: lines.first?.number ?? 1, text: lines.first?.text ?? "",
                                              expected: "the header \"path,label\"")
        }
        return try lines.dropFirst().map { line in
            guard let parsed = fields(line.text), parsed.count == 2, !parsed[0].isEmpty, !parsed[1].isEmpty else {
                throw DatasetError.malformedLine(file: url.path, line: line.number, text: line.text, expected: "\"<path>,<label>\"")
            }
            let path = try ListedPath.normalised(parsed[0], file: url.path, line: line.number, folder: root.path + "/")
            let file = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw DatasetError.missingVideo(file: url.path, line: line.number, video: file.path)
            }
            return Row(line: line.number, file: file, clip: ClipID.of(path: path), label: parsed[1].trimmingCharacters(in: .whitespaces))
        }
    }

    /// The comma-separated fields of a line; a field in double quotes may hold commas and `""` for a
    /// quote. Nil when a quote is left open.
    public static func fields(_ line: String) -> [String]? {
        var fields: [String] = [], current = "", quoted = false
        var characters = line.makeIterator()
        while let ch = characters.next() {
            if quoted {
                if ch == "\"" {
                    // A doubled quote stands for one; a single one closes the field.
                    var lookahead = characters
                    if lookahead.next() == "\"" { current.append("\""); characters = lookahead } else { quoted = false }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        guard !quoted else { return nil }
        return fields + [current]
    }
}
