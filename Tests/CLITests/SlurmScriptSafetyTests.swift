import Foundation
import Testing
import TestSupport

/// `slurm --dry-run` with hostile and careless values: nothing reaches a batch script that could run
/// as a command or be misread by sbatch, and every refusal names its flag (no cluster needed).
@Suite("Slurm script safety")
struct SlurmScriptSafetyTests {
    /// `slurm evaluate --dry-run` on the tiny dataset into `out`, with `extra` flags.
    func dryRun(out: String, _ extra: [String]) throws -> ProcessOutput {
        let tiny = try TinyRecognition.shared.get()
        return try CLI.run(["slurm", "evaluate", "--dataset", "hollywood2", "--root", tiny.dataset.path, "--model", tiny.model.path,
                            "--pipeline", tiny.pipeline.path, "--out", out, "--dry-run"] + extra, environment: ["SLURM_CONF": "/nonexistent"])
    }

    @Test("a newline in --out, --partition, --time, --account or --sbatch is refused naming the flag, before any script is written")
    func controlCharactersRefused() throws {
        let scratch = try ScratchFolder("slurm-safety")
        defer { scratch.remove() }
        let marker = scratch.path("injected").path
        let cases: [(flag: String, arguments: [String])] = [
            ("--out", []), ("--partition", ["--partition", "short\ntouch \(marker);#"]), ("--time", ["--time", "1:00\ntouch \(marker)"]),
            ("--account", ["--account", "a\rb"]), ("--sbatch", ["--sbatch=--qos=x\ntouch \(marker)"]),
        ]
        for (flag, arguments) in cases {
            let out = flag == "--out" ? scratch.path("o\ntouch \(marker);#").path : scratch.path("run").path
            let result = try dryRun(out: out, arguments)
            #expect(result.status != 0, "\(flag): \(result.stdout)")
            #expect(result.stderr.hasPrefix("Error: \(flag) \"") && (result.stderr.contains("\\n") || result.stderr.contains("\\r")), "\(result.stderr)")
            #expect(result.stderr.contains("holds a control character"), "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty, "\(flag): something was written")
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test("--time, --mem, --partition must have Slurm's syntax; --tasks is bounded by the clips; negative numbers get a clear message")
    func valuesFollowSlurmSyntax() throws {
        let scratch = try ScratchFolder("slurm-values")
        defer { scratch.remove() }
        let out = scratch.path("run").path
        let refused: [([String], String)] = [
            (["--tasks", "99999999999"], "--tasks \"99999999999\": more tasks than the 32 clips to describe"),
            (["--tasks", "-3"], "--tasks -3: must be at least 1"),
            (["--cpus-per-task", "-2"], "--cpus-per-task -2: must be at least 1"),
            (["--mem", "1"], "--mem \"1\": asks for 1 MB, less than the 512M"),
            (["--mem", "abc"], "--mem \"abc\": not a Slurm memory size"),
            (["--mem", "-5"], "--mem \"-5\": not a Slurm memory size"),
            (["--time", "abc"], "--time \"abc\": not a Slurm time"),
            (["--time", "-1"], "--time \"-1\": not a Slurm time"),
            (["--partition", "a b"], "--partition \"a b\": not a Slurm name list"),
            (["--sbatch=--comment=two words"], "--sbatch \"--comment=two words\": not one sbatch option"),
            (["--sbatch=-"], "--sbatch \"-\": not one sbatch option"),
            (["--mem", "99999999999999999999"], "--mem \"99999999999999999999\": asks for more than a pebibyte"),
        ]
        for (arguments, message) in refused {
            let result = try dryRun(out: out, arguments)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Missing value"))
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        let accepted = try dryRun(out: out, ["--tasks", "32", "--time", "1-02:30", "--mem", "0", "--partition", "short,long", "--account", "lab.a"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let script = try String(contentsOfFile: out + "/slurm/descriptors.sbatch", encoding: .utf8)
        #expect(script.contains("#SBATCH --time=1-02:30\n#SBATCH --mem=0\n") && script.contains("#SBATCH --partition=short,long\n"))
        #expect(accepted.stdout.contains("--array=0-31 "))
    }

    @Test("paths with spaces, quotes and $(...) are written quoted: sbatch reads them whole and bash runs nothing from them")
    func pathsAreQuoted() throws {
        let scratch = try ScratchFolder("slurm-quoting")
        defer { scratch.remove() }
        let marker = scratch.path("ran").path
        let tiny = try TinyRecognition.shared.get()
        let out = scratch.path("my runs/it's $(touch \(marker))").path
        let result = try CLI.run(["slurm", "table", "--root", tiny.dataset.path, "--out", out, "--models", "trec", "--tasks", "2",
                                  "--pipeline", tiny.pipeline.path, "--mem", "1G", "--dry-run"], environment: ["SLURM_CONF": "/nonexistent"])
        #expect(result.status == 0, "\(result.stderr)")
        let script = try String(contentsOfFile: out + "/slurm/trec-learn.sbatch", encoding: .utf8)
        #expect(script.contains("#SBATCH --output=\"\(out)/slurm/logs/trec-learn-%j.log\"\n"))
        // The learn job's "already done" branch, run by bash with the bundle present: it prints the path as it is.
        let line = try #require(script.split(separator: "\n").first { $0.hasPrefix("if [ -e ") })
        let bundle = out + "/models/trec/model.json"
        try scratch.write("{}", to: "my runs/it's $(touch \(marker))/models/trec/model.json")
        let ran = try ProcessRunner.run(command: "bash", ["-c", String(line)])
        #expect(ran.status == 0 && ran.stdout == "already done: \(bundle)\n", "\(ran.stdout) \(ran.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
