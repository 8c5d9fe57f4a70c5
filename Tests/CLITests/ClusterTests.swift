import Foundation
import Testing
import TestSupport

/// A one-node Slurm cluster started by `Tests/Cluster/local-slurm` in a fresh folder with its own
/// ports, stopped by its pid files.
final class LocalSlurm {
    static let script = TestPaths.packageRoot.appendingPathComponent("Tests/Cluster/local-slurm")

    /// Why a cluster cannot start here (nil when it can): not root, or packages missing.
    static let unavailable: String? = {
        guard getuid() == 0 else { return "not root" }
        let tools = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/scancel"]
        let missing = tools.filter { !FileManager.default.isExecutableFile(atPath: $0) }
        return missing.isEmpty ? nil : "missing \(missing.joined(separator: ", ")) (apt-get install munge slurmctld slurmd slurm-client)"
    }()

    let folder: URL
    let environment: [String: String]

    /// Starts the cluster; throws with the script's message when it does not come up.
    init() throws {
        folder = URL(fileURLWithPath: "/tmp/zae-local-slurm-\(UUID().uuidString.prefix(8))")
        let port = Int.random(in: 20000..<29000)
        let result = try Self.shell(Self.script.path, ["start", folder.path], environment: ["LOCAL_SLURM_PORT": "\(port)"])
        guard result.status == 0, let line = result.stdout.split(separator: "\n").first(where: { $0.hasPrefix("SLURM_CONF=") }) else {
            _ = try? Self.shell(Self.script.path, ["stop", folder.path])
            throw ClusterError(message: "local-slurm start failed: \(result.stderr)")
        }
        environment = ["SLURM_CONF": String(line.dropFirst("SLURM_CONF=".count))]
    }

    /// Stops the daemons and removes the folder.
    func stop() {
        _ = try? Self.shell(Self.script.path, ["stop", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a Slurm client command against this cluster.
    func client(_ tool: String, _ arguments: [String]) throws -> LocalSlurm.ShellResult {
        try Self.shell("/usr/bin/\(tool)", arguments, environment: environment)
    }

    /// Waits until the queue is empty (at most `seconds`).
    func waitForEmptyQueue(seconds: Double = 120) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try client("squeue", ["-h"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
            Thread.sleep(forTimeInterval: 0.5)
        }
        throw ClusterError(message: "jobs still queued after \(seconds) s")
    }

    /// What a program run by `shell` said.
    struct ShellResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct ClusterError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Runs a program to its end with posix_spawn and waitpid, its output going through files
    /// (Foundation's Process can miss the exit of a script whose daemons outlive it).
    static func shell(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> LocalSlurm.ShellResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zae-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stdout = folder.appendingPathComponent("out").path, stderr = folder.appendingPathComponent("err").path
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw ClusterError(message: "cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ShellResult(status: exit, stdout: (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")
    }
}

/// The settings of a protocol run that takes seconds on a generated motion dataset.
enum TinyProtocol {
    static let pipeline = """
    {
      "blocks": {"frames": 4, "height": 8, "width": 8, "count": 3000, "components": 60},
      "model": {"kind": "trec", "features": 24, "training": {"epochs": 10, "warmupEpochs": 1}},
      "descriptors": {"superBlock": [6, 12, 12], "stride": [3, 6, 6], "pcaDimensions": 16, "pcaSample": 2000},
      "vocabulary": {"words": 16, "sample": 3000, "initializations": 1, "iterations": 10}
    }
    """

    /// A motion dataset (32 clips), the pipeline file and a model trained on it, in `folder`.
    static func make(in folder: URL) throws -> (dataset: String, pipeline: String, model: String) {
        let dataset = folder.appendingPathComponent("motions").path, model = folder.appendingPathComponent("trec").path
        let pipeline = folder.appendingPathComponent("tiny.json").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.pipeline.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let made = try CLI.run(["make-dataset", "motions", "--out", dataset, "--clips-per-class", "2", "--frames", "16", "--size", "64", "64"])
        #expect(made.status == 0, "\(made.stderr)")
        let learned = try CLI.run(["learn", "--data", dataset, "--out", model, "--pipeline", pipeline])
        #expect(learned.status == 0, "\(learned.stderr)")
        return (dataset, pipeline, model)
    }

    /// The numbers of a report that must not depend on how the run was split.
    static func results(_ out: String) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("report.json"))) as! [String: Any]
        return json.filter { ["mean_ap", "mean_ap_11pt", "per_class", "skipped_clips", "train_clips", "test_clips"].contains($0.key) }
    }
}

@Suite("Slurm on a real one-node cluster", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct ClusterTests {
    @Test("slurm evaluate on a local cluster equals evaluate, with the model or its extracted features; a cancelled task is redone alone by resubmitting",
          .enabled(if: LocalSlurm.unavailable == nil, "no local Slurm cluster: \(LocalSlurm.unavailable ?? "")"))
    func clusterEqualsLocal() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zae-cluster-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (dataset, pipeline, model) = try TinyProtocol.make(in: scratch)
        let local = scratch.appendingPathComponent("local").path
        let evaluate = ["--dataset", "hollywood2", "--root", dataset, "--model", model, "--pipeline", pipeline]
        let single = try CLI.run(["evaluate"] + evaluate + ["--out", local])
        try #require(single.status == 0, "\(single.stderr)")
        let expected = try TinyProtocol.results(local)

        let cluster = try LocalSlurm()
        defer { cluster.stop() }
        let env = cluster.environment

        // Three descriptor tasks, waited for: the same numbers to the last digit.
        let out = scratch.appendingPathComponent("cluster").path
        let run = try CLI.run(["slurm", "evaluate"] + evaluate + ["--out", out, "--tasks", "3", "--wait"], environment: env)
        try #require(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("submitted descriptors: job") && run.stdout.contains("all 3 jobs succeeded"))
        #expect(NSDictionary(dictionary: try TinyProtocol.results(out)).isEqual(to: expected))

        // The bundle's unreduced features, extracted, evaluated back on the cluster with --descriptors: the same numbers.
        let features = scratch.appendingPathComponent("features").path
        let extracted = try CLI.run(["extract", "--model", model, "--dataset", "hollywood2", "--root", dataset, "--out", features, "--pipeline", pipeline])
        try #require(extracted.status == 0, "\(extracted.stderr)")
        let own = scratch.appendingPathComponent("cluster-descriptors").path
        let ownRun = try CLI.run(["slurm", "evaluate", "--dataset", "hollywood2", "--root", dataset, "--descriptors", features, "--pipeline", pipeline,
                                  "--out", own, "--tasks", "2", "--wait"], environment: env)
        try #require(ownRun.status == 0, "\(ownRun.stdout)\n\(ownRun.stderr)")
        #expect(NSDictionary(dictionary: try TinyProtocol.results(own)).isEqual(to: expected))

        // Cancel one array task: finish is cancelled with it, status names the shard, resubmission redoes only it.
        let out2 = scratch.appendingPathComponent("cluster-cancelled").path
        let submitted = try CLI.run(["slurm", "evaluate"] + evaluate + ["--out", out2, "--tasks", "3"], environment: env)
        try #require(submitted.status == 0, "\(submitted.stderr)")
        let line = try #require(submitted.stdout.split(separator: "\n").first { $0.hasPrefix("submitted descriptors: job ") })
        let arrayJob = String(line.dropFirst("submitted descriptors: job ".count).prefix { $0.isNumber })
        #expect(try cluster.client("scancel", ["\(arrayJob)_1"]).status == 0)
        try cluster.waitForEmptyQueue()
        #expect(!FileManager.default.fileExists(atPath: out2 + "/report.json"))
        let status = try CLI.run(["status", "--out", out2])
        #expect(status.stdout.contains("shards missing: 1/3"), "\(status.stdout)")
        let finish = try CLI.run(["evaluate"] + evaluate + ["--out", out2, "--stage", "finish"])
        #expect(finish.status != 0 && finish.stderr.contains("shard 1/3"), "\(finish.stderr)")

        let again = try CLI.run(["slurm", "evaluate"] + evaluate + ["--out", out2, "--tasks", "3", "--wait"], environment: env)
        try #require(again.status == 0, "\(again.stdout)\n\(again.stderr)")
        #expect(NSDictionary(dictionary: try TinyProtocol.results(out2)).isEqual(to: expected))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out2 + "/report.json"))) as! [String: Any]
        let shards = (report["stages"] as! [[String: Any]]).filter { $0["stage"] as? String == "descriptors" }
        for shard in shards {
            let index = (shard["shard"] as! [String: Any])["index"] as! Int
            let clips = shard["clips"] as! [String: Int]
            if index == 1 {
                #expect(clips["described"] == clips["total"] && clips["cached"] == 0, "shard 1: \(clips)")
            } else {
                #expect(clips["described"] == 0 && clips["cached"] == clips["total"], "shard \(index): \(clips)")
            }
        }
        #expect(shards.count == 3)
    }

    @Test("slurm evaluate --wait with a failing job exits non-zero naming the failed job and its log, which holds the error",
          .enabled(if: LocalSlurm.unavailable == nil, "no local Slurm cluster: \(LocalSlurm.unavailable ?? "")"))
    func waitNamesTheFailedJob() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zae-cluster-fail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (dataset, pipeline, model) = try TinyProtocol.make(in: scratch)
        // The dataset with every test clip damaged: prepare (training clips) succeeds, the descriptor
        // tasks record the test clips as skipped and succeed, finish finds no test clip to evaluate.
        let fm = FileManager.default
        let damaged = scratch.appendingPathComponent("damaged")
        try fm.createDirectory(at: damaged.appendingPathComponent("AVIClips"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: dataset + "/ClipSets", toPath: damaged.appendingPathComponent("ClipSets").path)
        var testClips = Set<String>()
        for list in try fm.contentsOfDirectory(atPath: dataset + "/ClipSets") where list.hasSuffix("_test.txt") {
            for line in try String(contentsOfFile: dataset + "/ClipSets/" + list, encoding: .utf8).split(separator: "\n") {
                testClips.insert(String(line.split(separator: " ")[0]))
            }
        }
        #expect(testClips.count == 16)
        for file in try fm.contentsOfDirectory(atPath: dataset + "/AVIClips") {
            let target = damaged.appendingPathComponent("AVIClips/\(file)")
            if testClips.contains(String(file.dropLast(".avi".count))) {
                try Data("RIFF, but not a video".utf8).write(to: target)
            } else {
                try fm.createSymbolicLink(atPath: target.path, withDestinationPath: dataset + "/AVIClips/" + file)
            }
        }

        let cluster = try LocalSlurm()
        defer { cluster.stop() }
        let out = scratch.appendingPathComponent("failing").path
        let run = try CLI.run(["slurm", "evaluate", "--dataset", "hollywood2", "--root", damaged.path, "--model", model, "--pipeline", pipeline,
                               "--out", out, "--tasks", "2", "--wait"], environment: cluster.environment)
        #expect(run.status != 0, "\(run.stdout)")
        #expect(!run.stdout.contains("jobs succeeded"))
        let failed = run.stderr.split(separator: "\n").filter { $0.hasPrefix("failed: ") }
        try #require(failed.count == 1, "\(run.stderr)")
        let finishJob = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("submitted finish: job ") })
        let id = String(finishJob.dropFirst("submitted finish: job ".count).prefix { $0.isNumber })
        let log = "\(out)/slurm/logs/finish-\(id).log"
        #expect(failed[0] == "failed: finish (\(id)) failed with exit status 1; log: \(log)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("no test clip gave descriptors; nothing to evaluate"), "\(text)")
        #expect(!fm.fileExists(atPath: out + "/report.json"))
    }

    @Test("slurm --dry-run writes the three scripts (BLAS threads from --cpus-per-task, --mem as given) and submits nothing")
    func dryRun() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zae-dry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.path
        let tiny = try TinyRecognition.shared.get()
        let result = try CLI.run(["slurm", "evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path, "--out", out,
                                  "--tasks", "5", "--cpus-per-task", "2", "--partition", "short", "--mem", "3G", "--sbatch=--qos=x", "--dry-run"],
                                 environment: ["SLURM_CONF": "/nonexistent"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("--array=0-4 --dependency=afterok:<prepare>"))
        let script = try String(contentsOfFile: out + "/slurm/descriptors.sbatch", encoding: .utf8)
        for expected in ["#SBATCH --cpus-per-task=2", "#SBATCH --partition=short", "#SBATCH --qos=x",
                         "OPENBLAS_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"", "--stage descriptors --shard \"$SLURM_ARRAY_TASK_ID/5\""] {
            #expect(script.contains(expected), "descriptors.sbatch lacks \(expected)")
        }
        // --mem given: every job asks for it, whatever its stage needs.
        for job in ["prepare", "descriptors", "finish"] {
            #expect(try memoryLines(out + "/slurm/\(job).sbatch") == ["#SBATCH --mem=3G"], "\(job)")
            #expect(result.stdout.contains("  \(job): --mem=3G (given with --mem)"))
        }
        #expect(FileManager.default.fileExists(atPath: out + "/slurm/finish.sbatch"))
        #expect(!FileManager.default.fileExists(atPath: out + "/slurm/status"))
    }

    /// The `#SBATCH --mem` lines of a script.
    func memoryLines(_ script: String) throws -> [String] {
        try String(contentsOfFile: script, encoding: .utf8).split(separator: "\n").map(String.init).filter { $0.hasPrefix("#SBATCH --mem") }
    }

    /// The `--mem=` value of `job` in a dry run's output ("  job: --mem=1280M (...)"), in MiB.
    func requestedMiB(_ stdout: String, job: String) throws -> Int {
        let line = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("  \(job): --mem=") })
        let value = line.dropFirst("  \(job): --mem=".count).prefix { $0 != " " }
        let number = try #require(Int(value.dropLast()))
        return value.hasSuffix("G") ? number * 1024 : number
    }

    /// `slurm evaluate <arguments> --out out --tasks 2 --dry-run` without --mem: checks that each of
    /// the three jobs asks for an estimate (whole 256 MiB, at least 512 MiB) in its script and
    /// returns the output.
    func estimatedDryRun(_ arguments: [String], out: URL) throws -> String {
        let result = try CLI.run(["slurm", "evaluate"] + arguments + ["--out", out.path, "--tasks", "2", "--dry-run"],
                                 environment: ["SLURM_CONF": "/nonexistent"])
        #expect(result.status == 0, "\(result.stderr)")
        for job in ["prepare", "descriptors", "finish"] {
            let mib = try requestedMiB(result.stdout, job: job)
            #expect(mib >= 512 && mib % 256 == 0, "\(job): \(mib) MiB")
            #expect(try memoryLines(out.path + "/slurm/\(job).sbatch") == ["#SBATCH --mem=\(mib % 1024 == 0 ? "\(mib / 1024)G" : "\(mib)M")"])
        }
        return result.stdout
    }

    @Test("slurm evaluate without --mem: each job asks for its own stage's estimate (shown in the dry run, in its script); a larger vocabulary raises finish's alone")
    func estimatedMemory() throws {
        let tiny = try TinyRecognition.shared.get()
        let scratch = try ScratchFolder("slurm-mem")
        defer { scratch.remove() }
        func dryRun(_ out: URL, pipeline: URL) throws -> String {
            try estimatedDryRun(["--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path, "--pipeline", pipeline.path], out: out)
        }
        let small = try dryRun(scratch.path("small"), pipeline: tiny.pipeline)
        #expect(small.contains("  prepare: --mem=") && small.contains("(prepare needs about "))
        #expect(small.contains("  descriptors: --mem=") && small.contains("(descriptors needs about "))

        // 10^8 sampled descriptors of 13 floats, twice (10.4 GB), and Yinyang's bounds, one float per
        // descriptor for the one group of 16 words (0.4 GB): about 10.8 GB, plus a quarter.
        let large = try tiny.pipeline(vocabularySample: 100_000_000, to: scratch.path("large.json"))
        let big = try dryRun(scratch.path("large"), pipeline: large)
        #expect(try requestedMiB(big, job: "prepare") == requestedMiB(small, job: "prepare"))
        #expect(try requestedMiB(big, job: "descriptors") == requestedMiB(small, job: "descriptors"))
        let finish = try requestedMiB(big, job: "finish")
        let vocabularyBytes = 2 * 1e8 * 13 * 4 + 1e8 * 4
        #expect(Double(finish) * 1_048_576 >= 1.25 * vocabularyBytes && Double(finish) * 1_048_576 < 1.25 * vocabularyBytes * 1.1, "\(finish) MiB")
        #expect(big.contains("(finish needs about ") && big.contains("K-means of 16 words on 100000000 descriptors"))
    }

    @Test("slurm evaluate --descriptors without --mem: each job asks for its stage's estimate from the files' headers (their width, rows, positions); finish samples only the rows the training clips' files hold")
    func estimatedMemoryForDescriptorFiles() throws {
        let tiny = try TinyRecognition.shared.get()
        let scratch = try ScratchFolder("slurm-mem-files")
        defer { scratch.remove() }
        let features = scratch.path("features")
        let extracted = try CLI.run(["extract", "--model", tiny.model.path, "--dataset", "hollywood2", "--root", tiny.dataset.path,
                                     "--out", features.path, "--pipeline", tiny.pipeline.path])
        try #require(extracted.status == 0, "\(extracted.stderr)")
        func dryRun(_ name: String, pipeline: URL, _ extra: [String] = []) throws -> String {
            try estimatedDryRun(["--dataset", "hollywood2", "--root", tiny.dataset.path, "--descriptors", features.path, "--pipeline", pipeline.path] + extra,
                                out: scratch.path(name))
        }
        // The tiny model's unreduced descriptors: 4 sub-blocks x 16 features; 16 training clips of 48 super-blocks.
        let reduced = try dryRun("reduced", pipeline: tiny.pipeline)
        #expect(reduced.contains("(prepare needs about ") && reduced.contains(": the covariance of 64-value descriptors)"), "\(reduced)")
        #expect(reduced.contains("(descriptors needs about ") && reduced.contains(": 1 clip's files of up to 48 rows of 64 values described at a time)"),
                "\(reduced)")
        #expect(reduced.contains("(finish needs about ") && reduced.contains(": K-means of 16 words on 768 descriptors)"), "\(reduced)")
        let asTheyAre = try dryRun("as-they-are", pipeline: tiny.pipeline, ["--reduce", "none", "--cpus-per-task", "2"])
        #expect(asTheyAre.contains(": 2 clips' files of up to 48 rows of 64 values read at a time)"), "\(asTheyAre)")
        // A sample of 10^8 descriptors asks for over 10 GB with a model (estimatedMemory above); these files hold 768 training rows.
        let large = try tiny.pipeline(vocabularySample: 100_000_000, to: scratch.path("large.json"))
        let big = try dryRun("large", pipeline: large)
        #expect(try requestedMiB(big, job: "finish") == 512 && big.contains(": K-means of 16 words on 768 descriptors)"), "\(big)")
        // A missing file is named before anything is submitted.
        let first = try #require(FileManager.default.enumerator(at: features, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
            .first { $0.pathExtension == "npy" && !$0.lastPathComponent.hasSuffix(".positions.npy") })
        try FileManager.default.removeItem(at: first)
        let missing = try CLI.run(["slurm", "evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--descriptors", features.path,
                                   "--out", scratch.path("missing").path, "--pipeline", tiny.pipeline.path, "--tasks", "2", "--dry-run"],
                                  environment: ["SLURM_CONF": "/nonexistent"])
        #expect(missing.status != 0 && missing.stderr.contains("\(first.path): missing"), "\(missing.stderr)")
    }

    @Test("slurm table --dry-run: per model a learn job and its evaluate chain, then the table job after every finish")
    func tableDryRun() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zae-table-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let tiny = try TinyRecognition.shared.get()
        let result = try CLI.run(["slurm", "table", "--root", tiny.dataset.path, "--out", scratch.path, "--learners", "trec,kmeans", "--tasks", "2",
                                  "--pipeline", tiny.pipeline.path, "--dry-run"],
                                 environment: ["SLURM_CONF": "/nonexistent"])
        #expect(result.status == 0, "\(result.stderr)")
        // Without --mem, every job asks for its stage's estimate (the table job for the process alone).
        for job in ["trec-learn", "trec-prepare", "trec-descriptors", "trec-finish", "kmeans-learn", "table"] {
            let mib = try requestedMiB(result.stdout, job: job)
            #expect(try memoryLines(scratch.path + "/slurm/\(job).sbatch") == ["#SBATCH --mem=\(mib % 1024 == 0 ? "\(mib / 1024)G" : "\(mib)M")"])
        }
        #expect(result.stdout.contains("  table: --mem=512M (table needs about 80 MB: reading the runs' reports)"))
        let learnLine = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  trec-learn: --mem=") })
        #expect(["sampling", "whitening", "training"].contains { learnLine.contains("(\($0) needs about ") }, "\(learnLine)")
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/slurm").filter { $0.hasSuffix(".sbatch") }.sorted()
        #expect(names == ["kmeans-descriptors", "kmeans-finish", "kmeans-learn", "kmeans-prepare",
                          "table", "trec-descriptors", "trec-finish", "trec-learn", "trec-prepare"].map { $0 + ".sbatch" })
        #expect(result.stdout.contains("--dependency=afterok:<trec-learn>"))
        #expect(result.stdout.contains("--dependency=afterany:<trec-finish>:<kmeans-finish>"))
        let learn = try String(contentsOfFile: scratch.path + "/slurm/trec-learn.sbatch", encoding: .utf8)
        #expect(learn.contains("if [ -e \(scratch.path)/models/trec/model.json ]"))
        let bad = try CLI.run(["slurm", "table", "--root", tiny.dataset.path, "--out", scratch.path, "--models", "trec,resnet", "--dry-run"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown model \"resnet\""))
    }
}
