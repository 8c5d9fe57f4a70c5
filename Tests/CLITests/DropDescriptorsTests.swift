import Foundation
import Testing
import TestSupport

@Suite("evaluate --drop-descriptors on the command line", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct DropDescriptorsTests {
    @Test("evaluate --drop-descriptors says what it freed, status says finished and dropped, slurm evaluate passes the flag to finish")
    func dropOnTheCommandLine() throws {
        let tiny = try TinyRecognition.shared.get()
        let scratch = try ScratchFolder("drop-cli")
        defer { scratch.remove() }
        let out = scratch.path("run")
        let run = try zae(["evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path,
                           "--out", out.path, "--pipeline", tiny.pipeline.path, "--drop-descriptors"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("dropped the descriptors of") || run.stdout.contains("dropped the descriptors of"), "\(run.stderr)")
        let cache = out.appendingPathComponent("cache")
        let folders = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        let descriptors = try #require(folders.first { $0.hasPrefix("descriptors-") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent(descriptors).path)
            .allSatisfy { !$0.hasSuffix(".npy") && !$0.hasSuffix(".check") })

        let status = try zae(["status", "--out", out.path])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("stages done: prepare, descriptors, finish"), "\(status.stdout)")
        #expect(status.stdout.contains("descriptors dropped after finish"), "\(status.stdout)")
        #expect(!status.stdout.contains("shards missing"), "\(status.stdout)")

        let dry = scratch.path("slurm")
        let submitted = try zae(["slurm", "evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path,
                                 "--out", dry.path, "--pipeline", tiny.pipeline.path, "--drop-descriptors", "--tasks", "2", "--mem", "1G", "--dry-run"],
                                environment: ["SLURM_CONF": "/nonexistent"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        let finish = try String(contentsOf: dry.appendingPathComponent("slurm/finish.sbatch"), encoding: .utf8)
        #expect(finish.contains("--drop-descriptors") && finish.contains("--stage finish"), "\(finish)")
    }
}
