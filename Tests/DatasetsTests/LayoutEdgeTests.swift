import Foundation
import Testing
import TestSupport
@testable import Datasets

/// A folder holding a dataset root `root/` (the given list files and empty videos, paths relative to
/// it) and, beside the root, `elsewhere/x.avi`: a video a list must not reach.
private func rootBesideOutsideVideo(files: [String: String], videos: [String]) throws -> (root: URL, folder: ScratchFolder) {
    let folder = try ScratchFolder("edges")
    for (path, text) in files { try folder.write(text, to: "root/" + path) }
    for path in videos { try folder.write([], to: "root/" + path) }
    try folder.write([], to: "elsewhere/x.avi")
    return (folder.path("root"), folder)
}

/// Loads `layout` from a root of the given files and videos (with a video outside it, see above).
private func load(_ layout: DatasetLayout, files: [String: String], videos: [String],
                  prepare: (URL) throws -> Void = { _ in }) throws -> RecognitionDataset {
    let (root, folder) = try rootBesideOutsideVideo(files: files, videos: videos)
    defer { folder.remove() }
    try prepare(root)
    return try layout.load(root: root)
}

private let hmdbVideos = ["brush_hair/a.avi", "brush_hair/b.avi", "wave/c.avi", "wave/d.avi"]
private let hmdbSplits = ["testTrainMulti_7030_splits/brush_hair_test_split1.txt": "a.avi 1\nb.avi 2\n",
                          "testTrainMulti_7030_splits/wave_test_split1.txt": "c.avi 2\nd.avi 1\n"]
private let csvVideos = ["v/a.avi", "v/b.avi", "v/c.avi", "v/d.avi"]
private let csvLists = ["train.csv": "path,label\nv/a.avi,run\nv/b.avi,jump\n", "test.csv": "path,label\nv/c.avi,run\nv/d.avi,jump\n"]
private let ucfVideos = ["UCF-101/Archery/v_Archery_g01_c01.avi", "UCF-101/Archery/v_Archery_g02_c01.avi",
                         "UCF-101/Bowling/v_Bowling_g01_c01.avi", "UCF-101/Bowling/v_Bowling_g02_c01.avi"]
private let ucfLists = ["ucfTrainTestlist/classInd.txt": "1 Archery\n2 Bowling\n",
                        "ucfTrainTestlist/trainlist01.txt": "Archery/v_Archery_g02_c01.avi 1\nBowling/v_Bowling_g02_c01.avi 2\n",
                        "ucfTrainTestlist/testlist01.txt": "Archery/v_Archery_g01_c01.avi\nBowling/v_Bowling_g01_c01.avi\n"]

@Suite("Dataset layout edges")
struct LayoutEdgeTests {
    @Test("a listed path that is absolute or climbs out of the root is refused naming the file and line, in every listing layout")
    func pathsStayInsideTheRoot() throws {
        let outside = "../../elsewhere/x.avi"
        expectFailure("wave_test_split1.txt:2", "path \(outside) leads out of it", "/wave/") {
            try load(.hmdb51, files: hmdbSplits.merging(["testTrainMulti_7030_splits/wave_test_split1.txt": "c.avi 2\n\(outside) 1\nd.avi 1\n"]) { $1 },
                     videos: hmdbVideos)
        }
        expectFailure("test.csv:3", "path ../elsewhere/x.avi leads out of it") {
            try load(.csv, files: csvLists.merging(["test.csv": "path,label\nv/c.avi,run\n../elsewhere/x.avi,jump\n"]) { $1 }, videos: csvVideos)
        }
        expectFailure("train.csv:2", "is absolute") {
            let absolute = FileManager.default.temporaryDirectory.appendingPathComponent("zae-outside-\(UUID().uuidString).avi")
            try Data().write(to: absolute)
            defer { try? FileManager.default.removeItem(at: absolute) }
            return try load(.csv, files: csvLists.merging(["train.csv": "path,label\n\(absolute.path),run\nv/b.avi,jump\n"]) { $1 }, videos: csvVideos)
        }
        expectFailure("testlist01.txt:1", "leads out of it") {
            try load(.ucf101, files: ucfLists.merging(["ucfTrainTestlist/testlist01.txt": "../../elsewhere/x.avi\nBowling/v_Bowling_g01_c01.avi\n"]) { $1 },
                     videos: ucfVideos)
        }
        // A path that normalises to a folder, or names a FIFO, is no video.
        expectFailure("test.csv:2: video", "/root/v is a folder, not a file") {
            try load(.csv, files: csvLists.merging(["test.csv": "path,label\nv/c.avi/..,run\nv/d.avi,jump\n"]) { $1 }, videos: csvVideos)
        }
        expectFailure("wave_test_split1.txt:1: video", "/root/wave/c.avi is a FIFO (named pipe), not a regular file") {
            try load(.hmdb51, files: hmdbSplits, videos: hmdbVideos) { root in
                try FileManager.default.removeItem(at: root.appendingPathComponent("wave/c.avi"))
                #expect(mkfifo(root.appendingPathComponent("wave/c.avi").path, 0o644) == 0)
            }
        }
        // Inside the root, `.` and `..` are fine and name the file they lead to.
        let dataset = try load(.csv, files: csvLists.merging(["train.csv": "path,label\nv/x/../a.avi,run\n./v/b.avi,jump\n"]) { $1 }, videos: csvVideos)
        #expect(dataset.train.files.map { $0.path.hasSuffix("/root/v/a.avi") || $0.path.hasSuffix("/root/v/b.avi") } == [true, true])
        #expect(dataset.train.clips == ["v%2Fa.avi", "v%2Fb.avi"])
    }

    @Test("a test clip that is a training clip's file under another path, a hard link or a symbolic link is leakage, in every layout")
    func aliasesAcrossSplitsAreLeakage() throws {
        expectFailure("test.csv:2", "is the same path as the training clip of", "train.csv:2") {
            try load(.csv, files: csvLists.merging(["test.csv": "path,label\nv/./a.avi,run\nv/d.avi,jump\n"]) { $1 }, videos: csvVideos)
        }
        expectFailure("test.csv:2", "same file (a hard or symbolic link)", "train.csv:2") {
            try load(.csv, files: csvLists, videos: csvVideos) { root in
                try FileManager.default.removeItem(at: root.appendingPathComponent("v/c.avi"))
                try FileManager.default.linkItem(at: root.appendingPathComponent("v/a.avi"), to: root.appendingPathComponent("v/c.avi"))
            }
        }
        expectFailure("brush_hair_test_split1.txt:2", "same file", "wave_test_split1.txt:2") {
            try load(.hmdb51, files: hmdbSplits, videos: hmdbVideos) { root in
                try FileManager.default.removeItem(at: root.appendingPathComponent("brush_hair/b.avi"))
                try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("brush_hair/b.avi"),
                                                           withDestinationURL: root.appendingPathComponent("wave/d.avi"))
            }
        }
        let root = try makeLayout(lists: goodLists, clips: goodClips)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.removeItem(at: root.appendingPathComponent("AVIClips/te2.avi"))
        try FileManager.default.linkItem(at: root.appendingPathComponent("AVIClips/tr3.avi"), to: root.appendingPathComponent("AVIClips/te2.avi"))
        #expect { try Hollywood2Layout(root: root) } throws: { "\($0)".contains("te2.avi (clip te2 of ClipSets/*_test.txt): this test clip is the same file") }
    }

    @Test("an HMDB51 action folder of videos without its split file is refused, as UCF101 refuses a class without clips")
    func hmdbClassWithoutSplitFile() throws {
        expectFailure("/root/run: 2 videos but no split file", "testTrainMulti_7030_splits/run_test_split1.txt") {
            try load(.hmdb51, files: hmdbSplits, videos: hmdbVideos + ["run/e.avi", "run/f.avi"])
        }
        // A folder without videos (notes, say) is no class.
        #expect(try load(.hmdb51, files: hmdbSplits.merging(["notes/README.txt": "x"]) { $1 }, videos: hmdbVideos).classes == ["brush_hair", "wave"])
    }

    @Test("an empty test list is refused by the layout check, before any work, in every layout")
    func emptyTestListRefused() throws {
        expectFailure("test.csv: no test clip") { try load(.csv, files: csvLists.merging(["test.csv": "path,label\n"]) { $1 }, videos: csvVideos) }
        expectFailure("testlist01.txt: no test clip") { try load(.ucf101, files: ucfLists.merging(["ucfTrainTestlist/testlist01.txt": "\r\n"]) { $1 }, videos: ucfVideos) }
        expectFailure("_test_split1.txt has code 2: no test clip") {
            try load(.hmdb51, files: hmdbSplits.merging(["testTrainMulti_7030_splits/brush_hair_test_split1.txt": "a.avi 1\nb.avi 0\n",
                                                         "testTrainMulti_7030_splits/wave_test_split1.txt": "c.avi 0\nd.avi 1\n"]) { $1 },
                     videos: hmdbVideos)
        }
        expectFailure("ClipSets/<Action>_test.txt: no test clip") {
            let root = try makeLayout(lists: goodLists.merging(["Run_test.txt": "", "Kiss_test.txt": "\n"]) { $1 }, clips: goodClips)
            defer { try? FileManager.default.removeItem(at: root) }
            return try Hollywood2Layout(root: root).dataset
        }
        expectFailure("train.csv: no training clip") {
            try load(.csv, files: ["train.csv": "path,label\n", "test.csv": "path,label\n"], videos: csvVideos)
        }
    }

    @Test("CSV clip ids never collide: folders, underscores and the extension's case all tell clips apart")
    func csvIDsAreCollisionFree() throws {
        let videos = ["clips/x__y.avi", "clips__x/y.avi", "sub/a.avi", "sub__a.avi", "dup.AVI", "dup.avi", "p%2Fq.avi", "p/q.avi"]
        let train = "path,label\nclips/x__y.avi,a\nclips__x/y.avi,b\nsub/a.avi,a\nsub__a.avi,b\n"
        let test = "path,label\ndup.AVI,a\ndup.avi,b\np%2Fq.avi,a\np/q.avi,b\n"
        let dataset = try load(.csv, files: ["train.csv": train, "test.csv": test], videos: videos)
        let ids = dataset.train.clips + dataset.test.clips
        #expect(Set(ids).count == 8 && ids.allSatisfy { !$0.contains("/") })
        #expect(dataset.train.clips == ["clips%2Fx__y.avi", "clips__x%2Fy.avi", "sub%2Fa.avi", "sub__a.avi"])
        #expect(dataset.test.clips == ["dup.AVI", "dup.avi", "p%252Fq.avi", "p%2Fq.avi"])
        // Ids are file names in the cache: a long path gives a short id, still its own.
        let deep = (0..<3).map { _ in String(repeating: "n", count: 120) }.joined(separator: "/")
        let long = try load(.csv, files: ["train.csv": "path,label\n\(deep)/a.avi,a\n\(deep)/b.avi,b\n", "test.csv": test],
                            videos: videos + ["\(deep)/a.avi", "\(deep)/b.avi"])
        #expect(long.train.clips.count == 2 && Set(long.train.clips).count == 2 && long.train.clips.allSatisfy { $0.utf8.count <= 200 })
    }

    @Test("a list in Unicode NFC finds a folder in NFD and says so, without blaming capitalisation")
    func unicodeFormsMatch() throws {
        let nfc = "Cr\u{E8}me", nfd = "Cre\u{300}me"
        #expect(Array(nfc.utf8) != Array(nfd.utf8))
        let videos = ucfVideos.filter { $0.contains("Archery") } + ["UCF-101/\(nfd)/v_\(nfd)_g01_c01.avi", "UCF-101/\(nfd)/v_\(nfd)_g02_c01.avi"]
        let lists = ["ucfTrainTestlist/classInd.txt": "1 Archery\n2 \(nfc)\n",
                     "ucfTrainTestlist/trainlist01.txt": "Archery/v_Archery_g02_c01.avi 1\n\(nfc)/v_\(nfc)_g02_c01.avi 2\n",
                     "ucfTrainTestlist/testlist01.txt": "Archery/v_Archery_g01_c01.avi\n\(nfc)/v_\(nfc)_g01_c01.avi\n"]
        let dataset = try load(.ucf101, files: lists, videos: videos)
        #expect(dataset.train.clips.count == 2 && dataset.test.clips.count == 2)
        #expect(!dataset.notes.contains { $0.contains("capitalisation") })
        #expect(dataset.notes == ["2 listed paths matched their files only in another Unicode normalisation form (e.g. \(nfc)/v_\(nfc)_g02_c01.avi, composed differently on disk); they are used"])
    }
}
