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
        #expect(throws: Hollywood2Layout.Failure.missingClip(clip: "te2", listedIn: "ClipSets/Kiss_test.txt")) {
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
        #expect(throws: Hollywood2Layout.Failure.noPositiveTraining(action: "Run")) { try Hollywood2Layout(root: root) }
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
