import Foundation
import Testing
import TestSupport

@Suite("extract and predict on the command line; slurm extract on a real cluster", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct OpenEndsTests {
    @Test("extract a run's reduced features, load them with numpy, predict clips as text and JSON")
    func extractNumpyPredict() throws {
        try #require(Numpy.isAvailable, "python3 with numpy is needed")
        let scratch = try ScratchFolder("open-ends")
        defer { scratch.remove() }
        let (dataset, pipeline, model) = try TinyProtocol.make(in: scratch.url)
        let run = scratch.path("run").path, features = scratch.path("features").path
        let evaluated = try CLI.run(["evaluate", "--dataset", "hollywood2", "--root", dataset, "--model", model, "--pipeline", pipeline, "--out", run])
        try #require(evaluated.status == 0, "\(evaluated.stderr)")
        let extracted = try CLI.run(["extract", "--dataset", "hollywood2", "--root", dataset, "--reduce-with", run, "--out", features])
        try #require(extracted.status == 0, "\(extracted.stderr)")
        #expect(extracted.stdout.contains("32 extracted, 0 kept, 0 skipped"), "\(extracted.stdout)")
        let shapes = try Numpy.run("""
        import numpy as np, sys
        x = np.load(sys.argv[1] + '/AVIClips/actioncliptrain00001.npy'); p = np.load(sys.argv[1] + '/AVIClips/actioncliptrain00001.positions.npy')
        print(x.dtype, x.shape[1], p.shape[1], x.shape[0] == p.shape[0], np.isfinite(x).all())
        """, arguments: [features])
        #expect(shapes.trimmingCharacters(in: .whitespacesAndNewlines) == "float32 16 3 True True")
        let again = try CLI.run(["extract", "--dataset", "hollywood2", "--root", dataset, "--reduce-with", run, "--out", features])
        #expect(again.stdout.contains("0 extracted, 32 kept, 0 skipped"), "\(again.stdout)")

        let clips = ["\(dataset)/AVIClips/actioncliptest00001.avi", "\(dataset)/AVIClips/actioncliptest00002.avi"]
        let text = try CLI.run(["predict", "--run", run] + clips)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.split(separator: "\n").filter { $0.hasPrefix(dataset) }.count == 2, "\(text.stdout)")
        let json = try CLI.run(["predict", "--run", run, "--json", "--top", "2"] + clips)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2 && parsed.allSatisfy { ($0["ranking"] as? [[String: Any]])?.count == 2 })
        let scores = parsed.compactMap { ($0["ranking"] as? [[String: Any]])?.compactMap { $0["score"] as? Double } }
        #expect(scores.allSatisfy { $0.count == 2 && $0[0] >= $0[1] })

        let missing = try CLI.run(["predict", "--run", scratch.path("nowhere").path, clips[0]])
        #expect(missing.status != 0 && missing.stderr.contains("no recogniser here"), "\(missing.stderr)")
    }

    @Test("slurm extract --tasks 2 --wait writes what a local extract writes, with one merged index",
          .enabled(if: LocalSlurm.unavailable == nil, "no local Slurm cluster: \(LocalSlurm.unavailable ?? "")"))
    func slurmExtract() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zae-cluster-extract-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (dataset, _, model) = try TinyProtocol.make(in: scratch)
        let local = scratch.appendingPathComponent("local").path, remote = scratch.appendingPathComponent("cluster").path
        let single = try CLI.run(["extract", "--model", model, "--out", local, dataset + "/AVIClips"])
        try #require(single.status == 0, "\(single.stderr)")
        let cluster = try LocalSlurm()
        defer { cluster.stop() }
        let submitted = try CLI.run(["slurm", "extract", "--model", model, "--out", remote, dataset + "/AVIClips", "--tasks", "2", "--wait"],
                                    environment: cluster.environment)
        try #require(submitted.status == 0, "\(submitted.stdout)\n\(submitted.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: local).filter { $0.hasSuffix(".npy") }.sorted()
        #expect(names.count == 64)
        for name in names {
            #expect(FileManager.default.contentsEqual(atPath: local + "/" + name, andPath: remote + "/" + name), "\(name)")
        }
        let index = try String(contentsOfFile: remote + "/index.csv", encoding: .utf8).split(separator: "\n")
        #expect(index.count == 33 && index.dropFirst().allSatisfy { $0.contains(",extracted,") })
    }
}
