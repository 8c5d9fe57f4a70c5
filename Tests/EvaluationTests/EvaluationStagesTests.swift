import Foundation
import Linalg
import Support
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

/// The numbers of a report that must not depend on how its run was split or resumed.
func sameResults(_ a: EvaluationReport, _ b: EvaluationReport) -> Bool {
    a.meanAP == b.meanAP && a.meanAP11pt == b.meanAP11pt && a.perClass == b.perClass && a.skippedClips == b.skippedClips
        && a.trainClips == b.trainClips && a.testClips == b.testClips
}

@Suite("evaluate as stages and shards", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct EvaluationStagesTests {
    /// The single-process report on the tiny benchmark, computed once.
    static let reference = Result { () throws -> EvaluationReport in
        let bench = try TinyMotionBenchmark.shared.get()
        return try EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model,
                                  output: bench.folder.appendingPathComponent("stages-reference")).run()
    }

    func run(_ name: String) throws -> (EvaluationRun, URL) {
        let bench = try TinyMotionBenchmark.shared.get()
        let out = bench.folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: out)
        return (EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model, output: out), out)
    }

    @Test("prepare, N descriptor shards and finish give the single-process report to the last digit (N = 2, 5)", arguments: [2, 5])
    func shardedEqualsSingle(shards: Int) throws {
        let reference = try Self.reference.get()
        let (run, _) = try run("stages-\(shards)")
        try run.prepare()
        var described = 0
        for i in (0..<shards).reversed() { described += try run.describe(shard: try ClipShard(index: i, count: shards)).clips!.described }
        #expect(described == 64)
        let report = try run.finish()
        #expect(sameResults(report, reference), "sharded \(String(describing: report.meanAP)) vs \(String(describing: reference.meanAP))")
        #expect(report.stages?.filter { $0.stage == .descriptors }.count == shards)
    }

    @Test("finish before every shard is done fails naming how many clips and which shards")
    func finishTooEarly() throws {
        let (run, _) = try run("stages-early")
        try run.prepare()
        #expect { try run.finish() } throws: { "\($0)".contains("64 of 64 clips have no descriptors; run evaluate --stage descriptors first") }
        _ = try run.describe(shard: try ClipShard(parsing: "0/4"))
        _ = try run.describe(shard: try ClipShard(parsing: "2/4"))
        #expect { try run.finish() } throws: { "\($0)".contains("32 of 64 clips have no descriptors") && "\($0)".contains("shards 1/4, 3/4") }
    }

    @Test("files of a task killed mid-clip, damaged or edited descriptors and a resized vocabulary are recomputed, never trusted")
    func damagedCacheIsRecomputed() throws {
        let reference = try Self.reference.get()
        let (run, out) = try run("stages-damaged")
        _ = try run.run()
        let plan = try EvaluationPlan.load(from: out)
        let files = plan.clips.map { plan.descriptorFile($0, in: out) }
        // Truncated (a partial copy), values scaled (the record no longer matches), the record missing
        // (killed between the two renames), and a half-written temporary of a process that has ended.
        let truncated = try Data(contentsOf: files[0])
        try truncated.prefix(truncated.count / 2).write(to: files[0])
        var scaled = try NPYArray(contentsOf: files[5]).matrix()
        for i in scaled.storage.indices { scaled.storage[i] *= 2 }
        try NPYArray(scaled).write(to: files[5])
        try FileManager.default.removeItem(at: CheckedFile.recordURL(of: files[40]))
        let temporary = files[41].deletingLastPathComponent().appendingPathComponent(".x.npy.tmp-\(try endedProcessID())-1")
        try Data("partial".utf8).write(to: temporary)
        let vocabularyFile = try #require(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("cache").path)
            .first { $0.hasPrefix("vocabulary-") && $0.hasSuffix(".npy") })
        let vocabularyURL = out.appendingPathComponent("cache/\(vocabularyFile)")
        try NPYArray(try NPYArray(contentsOf: vocabularyURL).matrix().rows(at: Array(0..<10))).write(to: vocabularyURL)

        let events = EventLog<EvaluationEvent>()
        let report = try run.run(events: events.add)
        let recomputed = Set(events.events.compactMap { if case let .recomputing(item) = $0 { item.item } else { nil } })
        #expect(recomputed == [plan.clips[0].name, plan.clips[5].name, plan.clips[40].name, EvaluationStep.EncodingModel.vocabulary.rawValue])
        #expect(events.events.contains { if case .removedTemporaries(1) = $0 { true } else { false } })
        #expect(!FileManager.default.fileExists(atPath: temporary.path))
        #expect(report.stages?.first { $0.stage == .descriptors }?.clips?.recomputed == 3)
        #expect(sameResults(report, reference))
    }

    @Test("two tasks given the same shard at once leave valid files and the reference report")
    func sameShardTwice() throws {
        let reference = try Self.reference.get()
        let (run, _) = try run("stages-twice")
        try run.prepare()
        let failures = ResultSlots<String>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            do { _ = try run.describe(shard: .whole) } catch { failures[i] = "\(error)" }
        }
        #expect(failures.values.allSatisfy { $0 == nil }, "\(failures.values)")
        #expect(sameResults(try run.finish(), reference))
    }

    @Test("a second run on a locked folder says who holds it; a foreign non-empty folder is refused unless forced")
    func lockAndForeignFolder() throws {
        let (run, out) = try run("stages-locked")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let lock = try OutputLock(folder: out)
        #expect { try run.prepare() } throws: { "\($0)".contains("in use by another run (pid \(getpid())") }
        lock.release()
        try run.prepare()

        let (foreign, folder) = try self.run("stages-foreign")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "mine".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect { try foreign.prepare() } throws: { "\($0)".contains("not a zae-video evaluation") && "\($0)".contains("--force") }
        var forced = foreign
        forced.force = true
        try forced.prepare()
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
    }

    @Test("status counts clips, names missing shards and skipped clips")
    func status() throws {
        let (run, out) = try run("stages-status")
        #expect(throws: (any Error).self) { try EvaluationStatus(output: out) }   // no such folder
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(try EvaluationStatus(output: out).text.contains("not prepared yet"))
        try run.prepare()
        _ = try run.describe(shard: try ClipShard(parsing: "1/2"))
        let status = try EvaluationStatus(output: out)
        #expect(status.described == 32 && status.missing.count == 32)
        #expect(status.missingShards == [try ClipShard(parsing: "0/2")])
        #expect(status.text.contains("clips: 32 of 64 done") && status.text.contains("shards missing: 0/2"))
    }

    @Test("a hand-edited plan.json with an impossible setting is refused by the stages that read it, naming the file and the setting")
    func damagedPlanSettings() throws {
        let (run, out) = try run("stages-damaged-plan")
        try run.prepare()
        let plan = EvaluationPlan.file(in: out)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: plan)) as! [String: Any]
        var settings = json["settings"] as! [String: Any]
        var descriptors = settings["descriptors"] as! [String: Any]
        descriptors["superBlock"] = [6, 12]
        settings["descriptors"] = descriptors
        json["settings"] = settings
        try JSONSerialization.data(withJSONObject: json).write(to: plan)

        let expected = SettingError(file: plan.path, setting: "settings.descriptors.superBlock",
                                    reason: "is [6,12]; it must be 3 positive values (frames, height, width)")
        #expect(throws: expected) { try EvaluationPlan.load(from: out) }
        #expect(throws: expected) { try DescriptorStage(output: out).run() }
        #expect(throws: expected) { try run.describe(shard: .whole) }
        #expect(throws: expected) { try run.finish() }
        #expect(throws: expected) { try EvaluationStatus(output: out) }
    }

    @Test("shards parse as I/N and split the clips by index modulo N")
    func shardParsing() throws {
        let shard = try ClipShard(parsing: "2/3")
        #expect((0..<9).filter(shard.contains) == [2, 5, 8])
        for bad in ["3/3", "-1/2", "1", "a/b", "0/0"] { #expect(throws: EvaluationError.self) { try ClipShard(parsing: bad) } }
    }

    @Test("the table reads finished runs beside the paper's number and lists a run without a report as missing")
    func table() throws {
        let reference = try Self.reference.get()
        let bench = try TinyMotionBenchmark.shared.get()
        let runs = [bench.folder.appendingPathComponent("stages-reference"), bench.folder.appendingPathComponent("no-such-run")]
        let table = EvaluationTable(runs: runs)
        #expect(table.rows[0].model == "trec" && table.rows[0].paper == 50.4)
        #expect(table.rows[0].meanAP == reference.meanAP.map { 100 * $0 } && table.rows[0].meanAP11pt == reference.meanAP11pt.map { 100 * $0 })
        #expect(table.rows[1].error?.contains("no report.json") == true && table.rows[1].meanAP == nil)
        let out = bench.folder.appendingPathComponent("table")
        try table.write(to: out)
        let markdown = try String(contentsOf: out.appendingPathComponent("table.md"), encoding: .utf8)
        #expect(markdown.contains("| trec | 24 |") && markdown.contains("| 50.4 |"))
        let json = try JSONDecoder().decode(EvaluationTable.self, from: Data(contentsOf: out.appendingPathComponent("table.json")))
        #expect(json.rows == table.rows)
    }
}
