import Foundation
import Testing
@testable import Datasets

/// Writes a Hollywood2-layout folder with the given ClipSets files and empty clip files.
func makeLayout(lists: [String: String], clips: [String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("zae-h2-\(UUID().uuidString)")
    let fm = FileManager.default
    try fm.createDirectory(at: root.appendingPathComponent("AVIClips"), withIntermediateDirectories: true)
    try fm.createDirectory(at: root.appendingPathComponent("ClipSets"), withIntermediateDirectories: true)
    for clip in clips { try Data().write(to: root.appendingPathComponent("AVIClips/\(clip).avi")) }
    for (name, text) in lists { try text.write(to: root.appendingPathComponent("ClipSets/\(name)"), atomically: true, encoding: .utf8) }
    return root
}

let goodLists = [
    "Run_train.txt": "tr1  1\ntr2  -1\ntr3 -1\n",
    "Kiss_train.txt": "tr1 1\ntr2 1\ntr3 -1\n",
    "Run_test.txt": "te1 1\nte2 -1\n",
    "Kiss_test.txt": "te1 -1\nte2 1\n\n",
]
let goodClips = ["tr1", "tr2", "tr3", "te1", "te2"]

/// A layout of `goodClips` whose lists are `goodLists` after `change`.
func makeLayout(changing change: (inout [String: String]) -> Void) throws -> URL {
    var lists = goodLists
    change(&lists)
    return try makeLayout(lists: lists, clips: goodClips)
}

@Suite("Hollywood2 layout")
struct Hollywood2LayoutTests {
    @Test("actions are discovered, clips and multi-labels read, counts summarised")
    func readsLayout() throws {
        let root = try makeLayout(lists: goodLists, clips: goodClips)
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = try Hollywood2Layout(root: root)
        #expect(layout.actions == ["Kiss", "Run"])
        #expect(layout.train.clips == ["tr1", "tr2", "tr3"])
        #expect(layout.train.labels == [[true, true], [true, false], [false, false]])
        #expect(layout.test.labels == [[false, true], [true, false]])
        #expect(layout.train.positives(0) == 2 && layout.test.positives(1) == 1)
        #expect(layout.train.files[0].lastPathComponent == "tr1.avi")
        #expect(layout.summary.contains("2 actions, 3 training clips, 2 test clips"))
    }

    @Test("ClipSets with CRLF line ends read like LF ones")
    func crlfLists() throws {
        let lists = goodLists.mapValues { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        let root = try makeLayout(lists: lists, clips: goodClips)
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = try Hollywood2Layout(root: root)
        #expect(layout.train.clips == ["tr1", "tr2", "tr3"] && layout.test.labels == [[false, true], [true, false]])
    }

    @Test("a malformed line is named with its file and line number")
    func malformedLine() throws {
        var lists = goodLists
        lists["Kiss_train.txt"] = "tr1 1\ntr2 yes\ntr3 -1\n"
        let root = try makeLayout(lists: lists, clips: goodClips)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect { try Hollywood2Layout(root: root) } throws: {
            "\($0)".contains("Kiss_train.txt:2") && "\($0)".contains("tr2 yes")
        }
    }

    @Test("a listed clip without a video file is named")
    func missingClip() throws {
        let root = try makeLayout(lists: goodLists, clips: goodClips.filter { $0 != "te2" })
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: DatasetError.missingClip(clip: "te2", listedIn: "ClipSets/Kiss_test.txt")) {
            try Hollywood2Layout(root: root)
        }
    }

    @Test("actions whose lists disagree, and an action without positive training clips, are refused")
    func inconsistentAndNoPositives() throws {
        var lists = goodLists
        lists["Run_train.txt"] = "tr1 1\ntr2 -1\n"
        var root = try makeLayout(lists: lists, clips: goodClips)
        #expect { try Hollywood2Layout(root: root) } throws: { "\($0)".contains("Run_train.txt") && "\($0)".contains("tr3") }
        try? FileManager.default.removeItem(at: root)

        lists = goodLists
        lists["Run_train.txt"] = "tr1 -1\ntr2 -1\ntr3 -1\n"
        root = try makeLayout(lists: lists, clips: goodClips)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: DatasetError.noPositiveTraining(action: "Run")) { try Hollywood2Layout(root: root) }
    }

    @Test("layout faults are refused naming the file and the clip: leakage, a missing list, duplicates, conflicts, all-positive training")
    func layoutFaultsAreNamed() throws {
        func failure(_ change: (inout [String: String]) -> Void) throws -> String {
            let root = try makeLayout(changing: change)
            defer { try? FileManager.default.removeItem(at: root) }
            do { _ = try Hollywood2Layout(root: root); return "accepted" } catch { return "\(error)".replacingOccurrences(of: root.path + "/", with: "") }
        }
        #expect(try failure { $0["Run_test.txt"] = "te1 1\ntr3 -1\n"; $0["Kiss_test.txt"] = "te1 -1\ntr3 1\n" }
                == "1 clip is listed in both the training and the test lists (tr3): the test would measure clips the classifiers were trained on")
        #expect(try failure { $0["Run_test.txt"] = nil }
                == "ClipSets/Run_test.txt: missing (ClipSets/Run_train.txt exists; every action needs both lists)")
        #expect(try failure { $0["Kiss_train.txt"] = "tr1 1\ntr2 1\ntr3 -1\ntr2 -1\n" }
                == "ClipSets/Kiss_train.txt: clip tr2 has conflicting labels (1 and -1) on lines 2 and 4")
        #expect(try failure { $0["Run_train.txt"] = "tr1  1\ntr2  -1\ntr3 -1\ntr1 1\n" }
                == "ClipSets/Run_train.txt: clip tr1 is listed twice (lines 1 and 4)")
        #expect(try failure { $0["Run_train.txt"] = "tr1 1\ntr2 1\ntr3 1\n" }
                == "action Run: every training clip is positive, so its classifier has no negative to learn from")
        #expect(try failure { $0["Run_train.txt"] = "tr1 1\ntr2 -1\n" }
                == "ClipSets/Run_train.txt: lists other clips than ClipSets/Kiss_train.txt (missing here: tr3)")
    }

    @Test("CRLF line ends are valid; a list that is not UTF-8 is named in one line")
    func lineEndsAndEncoding() throws {
        var lists = goodLists
        for (name, text) in lists { lists[name] = text.replacingOccurrences(of: "\n", with: "\r\n") }
        let root = try makeLayout(lists: lists, clips: goodClips)
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = try Hollywood2Layout(root: root)
        #expect(layout.train.labels == [[true, true], [true, false], [false, false]])
        #expect(layout.test.clips == ["te1", "te2"])
        let file = root.appendingPathComponent("ClipSets/Run_test.txt")
        try Data([0x74, 0x65, 0x31, 0x20, 0x31, 0x0A, 0xFF, 0xFE, 0x20, 0x31, 0x0A]).write(to: file)
        #expect(throws: DatasetError.unreadable(path: file.path, reason: "not UTF-8 text")) { try Hollywood2Layout(root: root) }
    }

    @Test("an action without a positive test clip is accepted, and the summary says its AP is undefined")
    func noPositiveTestClip() throws {
        let root = try makeLayout { $0["Run_test.txt"] = "te1 -1\nte2 -1\n" }
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = try Hollywood2Layout(root: root)
        #expect(layout.test.positives(1) == 0)
        #expect(layout.dataset.summary.contains("Run   train 1  test 0  (no positive test clip: AP undefined, left out of the mean)"))
    }

    @Test("a root without the layout's folders is refused before any work")
    func missingFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zae-h2-none-\(UUID().uuidString)")
        #expect { try Hollywood2Layout(root: root) } throws: { "\($0)".contains("no such folder") }
        let empty = try makeLayout(lists: [:], clips: [])
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect { try Hollywood2Layout(root: empty) } throws: { "\($0)".contains("_train.txt") }
    }
}
