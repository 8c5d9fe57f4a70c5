import Foundation
import Testing
import TestSupport
@testable import Runs
@testable import Studies

@Suite("learn's output folder: lock, leftovers, resume", .tags(.slow), .timeLimit(.minutes(10)))
struct LearnOutputTests {
    @Test("a second learn on a locked --out says who holds it; temporaries of a killed run are removed; --resume without a checkpoint says so")
    func lockLeftoversResume() throws {
        let scratch = try ScratchFolder("learn-output").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("model")
        let run = LearnRun(settings: PipelineFixtures.smallSettings(epochs: 1), data: TestPaths.fixtureVideos.path, output: out, resume: true)

        let lock = try OutputLock(file: scratch.appendingPathComponent(".model.lock"))
        #expect { try run.run() } throws: { "\($0)".contains("in use by another run (pid \(getpid())") }
        lock.release()

        let leftover = scratch.appendingPathComponent(".model.tmp-\(try endedProcessID())-7")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        let unrelated = scratch.appendingPathComponent(".other.tmp-\(try endedProcessID())-7")
        try Data().write(to: unrelated)
        let events = EventLog<LearnRun.Event>()
        _ = try run.run(events: events.add)
        #expect(events.events.contains { if case .removedTemporaries(1) = $0 { true } else { false } })
        #expect(events.events.contains { if case let .noCheckpoint(folder) = $0 { folder == run.checkpointFolder } else { false } })
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
    }
}
