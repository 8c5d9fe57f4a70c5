import Foundation
import Testing
import TestSupport
@testable import Datasets

/// A dataset folder of the given text files and empty video files (the parsers only check that
/// videos exist; decoding is the recognition run's job).
func makeDatasetFolder(files: [String: String], videos: [String]) throws -> URL {
    let folder = try ScratchFolder("layout")
    for (path, text) in files { try folder.write(text, to: path) }
    for path in videos { try folder.write([], to: path) }
    return folder.url
}

/// `lines` joined with CRLF, as UCF101's official lists are.
func crlf(_ lines: String...) -> String { lines.joined(separator: "\r\n") + "\r\n" }

/// Expects `load` to fail with a message containing every one of `parts`.
func expectFailure(_ parts: String..., sourceLocation: SourceLocation = #_sourceLocation, _ load: () throws -> RecognitionDataset) {
    #expect(sourceLocation: sourceLocation) { try load() } throws: { error in
        parts.allSatisfy { "\(error)".contains($0) }
    }
}

@Suite("UCF101 layout")
struct UCF101LayoutTests {
    static let videos = ["UCF-101/Archery/v_Archery_g01_c01.avi", "UCF-101/Archery/v_Archery_g02_c01.avi",
                         "UCF-101/HandstandPushups/v_HandStandPushups_g01_c01.avi", "UCF-101/HandstandPushups/v_HandStandPushups_g02_c01.avi"]
    static let lists = [
        "ucfTrainTestlist/classInd.txt": crlf("1 Archery", "2 HandstandPushups"),
        "ucfTrainTestlist/trainlist01.txt": crlf("Archery/v_Archery_g02_c01.avi 1", "HandstandPushups/v_HandStandPushups_g02_c01.avi 2"),
        "ucfTrainTestlist/testlist01.txt": crlf("Archery/v_Archery_g01_c01.avi", "HandstandPushups/v_HandStandPushups_g01_c01.avi"),
    ]

    func load(_ changes: [String: String] = [:], videos: [String] = videos, split: Int = 1) throws -> RecognitionDataset {
        let root = try makeDatasetFolder(files: Self.lists.merging(changes) { $1 }, videos: videos)
        defer { try? FileManager.default.removeItem(at: root) }
        return try UCF101Layout.load(root: root, split: split)
    }

    @Test("CRLF lists are read; the class comes from classInd and the folder; the capitalisation mismatch is said once")
    func readsOfficialForm() throws {
        let dataset = try load()
        #expect(dataset.classes == ["Archery", "HandstandPushups"])
        #expect(dataset.train.clips == ["v_Archery_g02_c01", "v_HandStandPushups_g02_c01"])
        #expect(dataset.test.clips == ["v_Archery_g01_c01", "v_HandStandPushups_g01_c01"])
        #expect(dataset.test.labels == [[true, false], [false, true]])
        #expect(dataset.singleLabel && dataset.splitName == "1")
        #expect(dataset.notes == ["class HandstandPushups: its files are named v_HandStandPushups_* (capitalisation differs from the class; matched ignoring it)"])
    }

    @Test("a list whose capitalisation differs from the files is resolved ignoring it, and said")
    func caseInsensitivePaths() throws {
        let dataset = try load(["ucfTrainTestlist/testlist01.txt": crlf("archery/v_Archery_g01_c01.avi", "HandstandPushups/v_HandStandPushups_g01_c01.avi")])
        #expect(dataset.test.files[0].path.hasSuffix("UCF-101/Archery/v_Archery_g01_c01.avi"))
        #expect(dataset.notes.contains { $0.contains("1 listed path matched its file only ignoring capitalisation") })
    }

    @Test("layout errors name the file and line")
    func errors() throws {
        expectFailure("testlist01.txt:2", "v_HandStandPushups_g01_c01.avi", "does not exist") {
            try load(videos: Self.videos.filter { !$0.hasSuffix("g01_c01.avi") || $0.contains("Archery") })
        }
        expectFailure("trainlist01.txt:2", "class Juggling is not in", "classInd.txt") {
            try load(["ucfTrainTestlist/trainlist01.txt": crlf("Archery/v_Archery_g02_c01.avi 1", "Juggling/v_Juggling_g01_c01.avi 3")])
        }
        expectFailure("trainlist01.txt:1", "class number 1") {
            try load(["ucfTrainTestlist/trainlist01.txt": crlf("Archery/v_Archery_g02_c01.avi 2")])
        }
        expectFailure("classInd.txt:2", "class HandstandPushups has no training clip", "trainlist01.txt") {
            try load(["ucfTrainTestlist/trainlist01.txt": crlf("Archery/v_Archery_g02_c01.avi 1")])
        }
        expectFailure("classInd.txt:2", "malformed line") { try load(["ucfTrainTestlist/classInd.txt": crlf("1 Archery", "3 HandstandPushups")]) }
        expectFailure("trainlist02.txt", "missing") { try load(split: 2) }
        expectFailure("UCF101 has no split 4") { try load(split: 4) }
    }

    @Test("a root in another layout says which layout was expected and what was found")
    func wrongRoot() throws {
        let root = try makeDatasetFolder(files: ["ClipSets/Run_train.txt": "a 1\n"], videos: ["AVIClips/a.avi"])
        defer { try? FileManager.default.removeItem(at: root) }
        expectFailure("not a dataset in the UCF101 layout", "UCF-101/", "found AVIClips, ClipSets", "looks like the hollywood2 layout") {
            try UCF101Layout.load(root: root, split: 1)
        }
    }
}

@Suite("HMDB51 layout")
struct HMDB51LayoutTests {
    static let videos = ["brush_hair/a.avi", "brush_hair/b.avi", "wave/c.avi", "wave/d.avi"]
    static let splits = [
        "testTrainMulti_7030_splits/brush_hair_test_split1.txt": "a.avi 1 \nb.avi 2 \ngone.avi 0 \n",
        "testTrainMulti_7030_splits/wave_test_split1.txt": "c.avi 2 \nd.avi 1 \n",
    ]

    func load(_ changes: [String: String] = [:], videos: [String] = videos) throws -> RecognitionDataset {
        let root = try makeDatasetFolder(files: Self.splits.merging(changes) { $1 }, videos: videos)
        defer { try? FileManager.default.removeItem(at: root) }
        return try HMDB51Layout.load(root: root, split: 1)
    }

    @Test("codes 1 and 2 give training and test clips; a 0-coded line may name an absent video")
    func readsSplit() throws {
        let dataset = try load()
        #expect(dataset.classes == ["brush_hair", "wave"])
        #expect(dataset.train.clips == ["a", "d"] && dataset.test.clips == ["b", "c"])
        #expect(dataset.train.labels == [[true, false], [false, true]])
    }

    @Test("layout errors name the file and line")
    func errors() throws {
        expectFailure("brush_hair_test_split1.txt:2", "split code 3") {
            try load(["testTrainMulti_7030_splits/brush_hair_test_split1.txt": "a.avi 1\nb.avi 3\n"])
        }
        expectFailure("wave_test_split1.txt:1", "wave/c.avi does not exist") { try load(videos: Self.videos.filter { $0 != "wave/c.avi" }) }
        expectFailure("wave_test_split1.txt", "class wave has no training clip") {
            try load(["testTrainMulti_7030_splits/wave_test_split1.txt": "c.avi 2\nd.avi 0\n"])
        }
        expectFailure("brush_hair_test_split1.txt:1", "malformed line") {
            try load(["testTrainMulti_7030_splits/brush_hair_test_split1.txt": "a.avi\n"])
        }
        let empty = try makeDatasetFolder(files: [:], videos: ["wave/c.avi"])
        defer { try? FileManager.default.removeItem(at: empty) }
        expectFailure("not a dataset in the HMDB51 layout", "testTrainMulti_7030_splits/", "found wave") { try HMDB51Layout.load(root: empty, split: 1) }
    }
}

@Suite("KTH layout")
struct KTHLayoutTests {
    /// One video per action for persons 1, 2, 11, 22 and 25.
    static let videos = KTHLayout.actions.flatMap { action in
        [1, 2, 11, 22, 25].map { "\(action)/person\(String(format: "%02d", $0))_\(action)_d1_uncomp.avi" }
    }

    @Test("Schuldt et al.'s split: training and validation persons train, test persons test; the report says so")
    func personSplit() throws {
        let root = try makeDatasetFolder(files: [:], videos: Self.videos)
        defer { try? FileManager.default.removeItem(at: root) }
        let dataset = try KTHLayout.load(root: root)
        #expect(dataset.classes == KTHLayout.actions)
        #expect(dataset.train.clips.filter { $0.hasPrefix("person") && $0.contains("boxing") }
                == ["person01_boxing_d1_uncomp", "person11_boxing_d1_uncomp", "person25_boxing_d1_uncomp"])
        #expect(dataset.test.clips.filter { $0.contains("boxing") } == ["person02_boxing_d1_uncomp", "person22_boxing_d1_uncomp"])
        #expect(dataset.notes.contains { $0.contains("validation persons (19, 20, 21, 23, 24, 25, 01, 04)") })
        #expect(Set(KTHLayout.trainingPersons + KTHLayout.validationPersons + KTHLayout.testPersons) == Set(1...25))
        #expect(KTHLayout.trainingPersons.count + KTHLayout.validationPersons.count + KTHLayout.testPersons.count == 25)
    }

    @Test("a person outside 1-25, a malformed name, a missing action and a foreign root are named")
    func errors() throws {
        func load(_ videos: [String]) throws -> RecognitionDataset {
            let root = try makeDatasetFolder(files: [:], videos: videos)
            defer { try? FileManager.default.removeItem(at: root) }
            return try KTHLayout.load(root: root)
        }
        expectFailure("walking/person26_walking_d1_uncomp.avi", "person 26 is outside 1-25") {
            try load(Self.videos + ["walking/person26_walking_d1_uncomp.avi"])
        }
        expectFailure("running/person03_jogging_d1_uncomp.avi", "personNN_running_dK_uncomp.avi") {
            try load(Self.videos + ["running/person03_jogging_d1_uncomp.avi"])
        }
        expectFailure("jogging/", "class jogging has no training clip") { try load(Self.videos.filter { !$0.hasPrefix("jogging") }) }
        expectFailure("not a dataset in the KTH layout", "found train.csv", "looks like the csv layout") {
            let root = try makeDatasetFolder(files: ["train.csv": "path,label\n"], videos: [])
            defer { try? FileManager.default.removeItem(at: root) }
            return try KTHLayout.load(root: root)
        }
    }
}

@Suite("CSV layout")
struct CSVLayoutTests {
    static let videos = ["v/a.avi", "v/b, c.avi", "v/d.avi", "v/e.avi"]
    static let lists = ["train.csv": "path,label\r\nv/a.avi,run\r\n\"v/b, c.avi\",jump\r\n", "test.csv": "path,label\nv/d.avi,jump\nv/e.avi,run\n"]

    func load(_ changes: [String: String] = [:]) throws -> RecognitionDataset {
        let root = try makeDatasetFolder(files: Self.lists.merging(changes) { $1 }, videos: Self.videos)
        defer { try? FileManager.default.removeItem(at: root) }
        return try CSVLayout.load(root: root)
    }

    @Test("classes are the training labels, sorted; quoted paths may hold commas")
    func readsLists() throws {
        let dataset = try load()
        #expect(dataset.classes == ["jump", "run"])
        #expect(dataset.train.clips == ["v%2Fa.avi", "v%2Fb, c.avi"] && dataset.train.labels == [[false, true], [true, false]])
        #expect(dataset.test.clips == ["v%2Fd.avi", "v%2Fe.avi"] && dataset.test.labels == [[true, false], [false, true]])
    }

    @Test("layout errors name the file and line")
    func errors() throws {
        expectFailure("test.csv:3", "class walk is not in", "train.csv") { try load(["test.csv": "path,label\nv/d.avi,jump\nv/e.avi,walk\n"]) }
        expectFailure("test.csv:2", "v/x.avi does not exist") { try load(["test.csv": "path,label\nv/x.avi,jump\n"]) }
        expectFailure("train.csv:1", "header") { try load(["train.csv": "file,class\nv/a.avi,run\n"]) }
        expectFailure("train.csv:2", "malformed line") { try load(["train.csv": "path,label\nv/a.avi\n"]) }
        expectFailure("train.csv:3", "clip v%2Fa.avi is already given by", "train.csv:2") {
            try load(["train.csv": "path,label\nv/a.avi,run\nv/a.avi,jump\n"])
        }
    }
}
