import Foundation

/// KTH as its authors distribute it: `<action>/personNN_<action>_dK_uncomp.avi` for the six actions,
/// split by person as Schuldt et al. (2004) did: the training persons (11-18) and the validation
/// persons (19, 20, 21, 23, 24, 25, 01, 04) together train, the test persons (22, 02, 03, 05, 06,
/// 07, 08, 09, 10) test.
public enum KTHLayout {
    /// The six actions.
    public static let actions = ["boxing", "handclapping", "handwaving", "jogging", "running", "walking"]
    /// Schuldt et al.'s training persons.
    public static let trainingPersons = Array(11...18)
    /// Schuldt et al.'s validation persons (trained on here, with the training persons).
    public static let validationPersons = [19, 20, 21, 23, 24, 25, 1, 4]
    /// Schuldt et al.'s test persons.
    public static let testPersons = [22, 2, 3, 5, 6, 7, 8, 9, 10]
    /// The one split.
    public static let splits = [1]

    /// What the report says about the split.
    static let protocolNote = "trained on the training persons (11-18) and the validation persons (19, 20, 21, 23, 24, 25, 01, 04) "
        + "together, tested on the test persons (22, 02, 03, 05, 06, 07, 08, 09, 10), as Schuldt et al. (2004)"

    /// Reads and checks the layout under `root` (split 1 is the only one).
    public static func load(root: URL, split: Int = 1) throws -> RecognitionDataset {
        guard splits.contains(split) else { throw DatasetError.noSuchSplit(layout: "KTH", split: split, available: splits) }
        let folders = actions.map { root.appendingPathComponent($0) }
        guard folders.contains(where: DatasetLayout.isFolder) else {
            throw DatasetError.notThisLayout(layout: "KTH", root: root.path,
                                              expected: "the folders \(actions.joined(separator: ", ")) of personNN_<action>_dK_uncomp.avi",
                                              found: DatasetLayout.contents(of: root))
        }
        let testSet = Set(testPersons)
        var train: [RecognitionDataset.ListedClip] = [], test: [RecognitionDataset.ListedClip] = []
        for (a, action) in actions.enumerated() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folders[a].path)) ?? [])
                .filter { ($0 as NSString).pathExtension.lowercased() == "avi" }.sorted()
            for name in names {
                let file = folders[a].appendingPathComponent(name)
                let person = try personNumber(name, action: action, file: file)
                let clip = RecognitionDataset.ListedClip(name: (name as NSString).deletingPathExtension, file: file,
                                                         classIndex: a, origin: file.path)
                if testSet.contains(person) { test.append(clip) } else { train.append(clip) }
            }
        }
        return try RecognitionDataset.singleLabel(
            layout: "KTH", root: root, classes: actions, train: train, test: test, splitName: "Schuldt et al. person split",
            notes: [protocolNote], lists: ("\(root.path): no video of a training or validation person", "\(root.path): no video of a test person"),
            emptyClass: "no video of a training or validation person",
            classOrigin: { "\(folders[$0].path)/" })
    }

    /// The person number of a file named `personNN_<action>_dK_uncomp.avi`.
    static func personNumber(_ name: String, action: String, file: URL) throws -> Int {
        let expected = "personNN_\(action)_dK_uncomp.avi"
        let parts = (name as NSString).deletingPathExtension.split(separator: "_").map(String.init)
        guard parts.count == 4, parts[0].hasPrefix("person"), let person = Int(parts[0].dropFirst("person".count)),
              parts[1] == action, parts[2].hasPrefix("d"), Int(parts[2].dropFirst()) != nil, parts[3] == "uncomp" else {
            throw DatasetError.malformedName(file: file.path, expected: expected)
        }
        guard (1...25).contains(person) else { throw DatasetError.personOutOfRange(file: file.path, person: person) }
        return person
    }
}
