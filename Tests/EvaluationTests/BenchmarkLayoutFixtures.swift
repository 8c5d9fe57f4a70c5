import Datasets
import Foundation
@testable import Runs
@testable import Evaluation

/// The tiny motion benchmark's generated clips rearranged into the UCF101, HMDB51, KTH and CSV
/// layouts, so the same trained model is evaluated through every parser. Training clip i of the
/// motion dataset shows motion i % 8, and so does test clip i.
enum BenchmarkLayoutFixtures {
    /// One generated clip: its file, its motion, whether the motion dataset made it for training, and
    /// its rank among the clips of its motion and origin (0-3).
    struct Clip {
        let file: URL
        let motion: Motion
        let fromTraining: Bool
        let rank: Int
    }

    /// The motion dataset's 64 clips.
    static func clips(of bench: TinyMotionBenchmark, motions: [Motion] = Motion.allCases) -> [Clip] {
        let all = Motion.allCases
        return ["train", "test"].flatMap { split in
            (0..<(4 * all.count)).compactMap { i -> Clip? in
                let motion = all[i % all.count]
                guard motions.contains(motion) else { return nil }
                let name = "actionclip\(split)" + String(format: "%05d", i + 1) + ".avi"
                return Clip(file: bench.dataset.appendingPathComponent("AVIClips/\(name)"), motion: motion,
                            fromTraining: split == "train", rank: i / all.count)
            }
        }
    }

    /// Writes `text` with CRLF line ends, as UCF101's authors did.
    static func writeCRLF(_ lines: [String], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: url)
    }

    /// Copies `clip` to `path` under `root`.
    static func place(_ clip: Clip, at path: String, under root: URL) throws {
        let target = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: clip.file, to: target)
    }

    /// UCF101: groups 1-4 (group = origin and rank), split N tests on groups `testGroups[N]`; the
    /// ShiftLeft files are named `v_Shiftleft_...` (the HandstandPushups capitalisation mismatch).
    static let ucfTestGroups = [1: [3, 4], 2: [1, 2], 3: [2, 3]]

    /// Writes the UCF101 layout.
    static func ucf101(_ bench: TinyMotionBenchmark, at root: URL) throws {
        let motions = Motion.allCases
        var paths: [(path: String, classNumber: Int, group: Int)] = []
        for clip in clips(of: bench) {
            let group = (clip.fromTraining ? 1 : 3) + clip.rank / 2
            let fileClass = clip.motion == .shiftLeft ? "Shiftleft" : clip.motion.rawValue
            let path = "\(clip.motion.rawValue)/v_\(fileClass)_g\(String(format: "%02d", group))_c\(String(format: "%02d", clip.rank % 2 + 1)).avi"
            try place(clip, at: "UCF-101/\(path)", under: root)
            paths.append((path, motions.firstIndex(of: clip.motion)! + 1, group))
        }
        let lists = root.appendingPathComponent("ucfTrainTestlist")
        try writeCRLF(motions.enumerated().map { "\($0 + 1) \($1.rawValue)" }, to: lists.appendingPathComponent("classInd.txt"))
        for (split, testGroups) in ucfTestGroups {
            try writeCRLF(paths.filter { !testGroups.contains($0.group) }.map { "\($0.path) \($0.classNumber)" },
                          to: lists.appendingPathComponent(String(format: "trainlist%02d.txt", split)))
            try writeCRLF(paths.filter { testGroups.contains($0.group) }.map(\.path),
                          to: lists.appendingPathComponent(String(format: "testlist%02d.txt", split)))
        }
    }

    /// Writes the HMDB51 layout (actions are the motions in lower case); split 1 trains on the motion
    /// dataset's training clips, and every split file also lists an absent video coded 0.
    static func hmdb51(_ bench: TinyMotionBenchmark, at root: URL) throws {
        var lines: [String: [String]] = [:]
        for clip in clips(of: bench) {
            let action = clip.motion.rawValue.lowercased()
            let name = "\(action)_\(clip.fromTraining ? "a" : "b")\(clip.rank).avi"
            try place(clip, at: "\(action)/\(name)", under: root)
            lines[action, default: []].append("\(name) \(clip.fromTraining ? 1 : 2) ")
        }
        for (action, entries) in lines {
            try (entries + ["\(action)_unused.avi 0 "]).joined(separator: "\n")
                .write(to: root.appendingPathComponent("testTrainMulti_7030_splits/\(action)_test_split1.txt").creatingParent(),
                       atomically: true, encoding: .utf8)
        }
    }

    /// Training (11, 12, 01, 19) and test (02, 03, 22, 10) persons for the four clips of each origin.
    static let kthPersons = (train: [11, 12, 1, 19], test: [2, 3, 22, 10])

    /// Writes the KTH layout: the first six motions stand for KTH's six actions.
    static func kth(_ bench: TinyMotionBenchmark, at root: URL) throws {
        let motions = Array(Motion.allCases.prefix(6))
        for clip in clips(of: bench, motions: motions) {
            let action = KTHLayout.actions[motions.firstIndex(of: clip.motion)!]
            let person = (clip.fromTraining ? kthPersons.train : kthPersons.test)[clip.rank]
            try place(clip, at: "\(action)/person\(String(format: "%02d", person))_\(action)_d1_uncomp.avi", under: root)
        }
    }

    /// Writes the CSV layout: clips in `videos/`, one path quoted.
    static func csv(_ bench: TinyMotionBenchmark, at root: URL) throws {
        var rows = (train: ["path,label"], test: ["path,label"])
        for (i, clip) in clips(of: bench).enumerated() {
            let path = "videos/clip \(i).avi"
            try place(clip, at: path, under: root)
            let row = i == 0 ? "\"\(path)\",\(clip.motion.rawValue)" : "\(path),\(clip.motion.rawValue)"
            if clip.fromTraining { rows.train.append(row) } else { rows.test.append(row) }
        }
        try rows.train.joined(separator: "\n").write(to: root.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        try rows.test.joined(separator: "\n").write(to: root.appendingPathComponent("test.csv"), atomically: true, encoding: .utf8)
    }
}

extension URL {
    /// The URL itself, after creating its parent folder.
    func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
