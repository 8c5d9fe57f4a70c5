import Foundation
import Runs
import Support

/// One batch job of a submission: a `zae-video` command line run by Slurm, optionally as an array
/// of tasks (each given its shard), started once the jobs it depends on ended as required.
public struct SlurmJob: Sendable, Equatable {
    /// How a job waits for the ones before it.
    public enum Dependency: String, Sendable {
        /// Only when they all succeeded (`afterok`).
        case afterOK = "afterok"
        /// When they all ended, however (`afterany`).
        case afterAny = "afterany"
    }

    /// The job's name, unique in its submission (also its script's and logs' name).
    public var name: String
    /// The `zae-video` arguments.
    public var arguments: [String]
    /// Array tasks: task I of N runs with `--shard I/N` appended (nil: a single job).
    public var shards: Int?
    /// Names of earlier jobs of the submission this one waits for.
    public var after: [String]
    /// How it waits.
    public var dependency: Dependency
    /// A file whose presence means the job's work is already done (it then succeeds at once).
    public var doneWhenExists: String?
    /// What the job's stage needs (each task of an array), from which its `--mem` is chosen when the user gives none.
    public var memory: MemoryEstimate.Step?

    /// A job.
    public init(name: String, arguments: [String], shards: Int? = nil, after: [String] = [], dependency: Dependency = .afterOK,
                doneWhenExists: String? = nil, memory: MemoryEstimate.Step? = nil) {
        self.name = name
        self.arguments = arguments
        self.shards = shards
        self.after = after
        self.dependency = dependency
        self.doneWhenExists = doneWhenExists
        self.memory = memory
    }

    /// The three jobs of the recognition protocol for `evaluate` arguments: prepare, an array of
    /// `shards` descriptor tasks after it, finish after them all; names start with `prefix`. Each
    /// gets the need of its stage in `memory` (`MemoryEstimate.evaluate`), when given.
    public static func evaluation(arguments: [String], shards: Int, prefix: String = "", after: [String] = [],
                                  memory: MemoryEstimate? = nil) -> [SlurmJob] {
        let need = { (stage: EvaluationStage) in memory?.step(stage) }
        return [SlurmJob(name: "\(prefix)prepare", arguments: ["evaluate"] + arguments + ["--stage", "prepare"], after: after,
                         memory: need(.prepare)),
                SlurmJob(name: "\(prefix)descriptors", arguments: ["evaluate"] + arguments + ["--stage", "descriptors"], shards: shards,
                         after: ["\(prefix)prepare"], memory: need(.descriptors)),
                SlurmJob(name: "\(prefix)finish", arguments: ["evaluate"] + arguments + ["--stage", "finish"], after: ["\(prefix)descriptors"],
                         memory: need(.finish))]
    }

    /// Refuses a value of the job no batch script may carry (`SlurmValue.plain`): an argument is
    /// named by the flag before it.
    func validate() throws {
        for (i, argument) in arguments.enumerated() {
            let flag = i > 0 && arguments[i - 1].hasPrefix("-") ? arguments[i - 1] : "argument"
            try SlurmValue.plain(argument, flag: flag)
        }
        if let doneWhenExists { try SlurmValue.plain(doneWhenExists, flag: "--out") }
    }

    /// The array size for `requested` descriptor tasks over `clips` clips: refused when some task
    /// would get no clip (more tasks than clips).
    public static func arrayTasks(_ requested: Int, clips: Int) throws -> Int {
        guard requested <= clips else {
            throw EvaluationError.slurmValue(flag: "--tasks", value: "\(requested)",
                                     reason: "more tasks than the \(clips) clips to describe (each task takes the clips whose index is I modulo N); give at most \(clips)")
        }
        return requested
    }

    /// The `--mem` the job asks for: the user's (`resources.memory`, for every job), else its stage's
    /// estimate with a margin (`SlurmMemory.request`), else none (the cluster's default).
    public func memoryRequest(_ resources: SlurmResources) -> String? {
        resources.memory ?? memory.map { SlurmMemory.request(bytes: $0.bytes) }
    }

    /// Says where the job's `--mem` comes from, for people: one line.
    public func memoryLine(_ resources: SlurmResources) -> String {
        guard let request = memoryRequest(resources) else { return "\(name): no --mem (the cluster's default)" }
        if resources.memory != nil { return "\(name): --mem=\(request) (given with --mem)" }
        let need = memory!
        return "\(name): --mem=\(request) (\(need.step) needs about \(MemorySize.text(Int(min(need.bytes, 9e18)))): \(need.detail))"
    }

    /// The task ids Slurm gives it: `ID` or `ID_0` ... `ID_{N-1}`.
    func taskIDs(job id: String) -> [String] {
        shards.map { n in (0..<n).map { "\(id)_\($0)" } } ?? [id]
    }

    /// The batch script: `#SBATCH` options, BLAS threads from the task's CPUs, the command, and its
    /// exit status written to `status/` (what `--wait` reads).
    func script(binary: String, folder: URL, workingDirectory: String, resources: SlurmResources) -> String {
        let task = shards == nil ? "%j" : "%A_%a"
        var lines = ["#!/bin/bash", "# Written by zae-video slurm; submit with sbatch (the command that wrote it does).",
                     "#SBATCH --job-name=zae-\(name)",
                     "#SBATCH --output=\(SlurmValue.quoted("\(folder.appendingPathComponent("logs").path)/\(name)-\(task).log"))",
                     "#SBATCH --chdir=\(SlurmValue.quoted(workingDirectory))"]
        lines += resources.options(memory: memoryRequest(resources)).map { "#SBATCH \($0)" }
        var command = ([binary] + arguments).map(Self.quoted).joined(separator: " ")
        if let doneWhenExists {
            command = "if [ -e \(Self.quoted(doneWhenExists)) ]; then echo already done: \(Self.quoted(doneWhenExists)); else \(command); fi"
        }
        var id = "$SLURM_JOB_ID"
        if let shards {
            command += " --shard \"$SLURM_ARRAY_TASK_ID/\(shards)\""
            precondition(doneWhenExists == nil, "array jobs are never skipped whole")
            id = "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
        }
        lines += ["", "export OPENBLAS_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"",
                  "echo \"zae-video \(name) task \(id) on $(hostname) with $OPENBLAS_NUM_THREADS CPU(s), $(date -Is)\"",
                  command, "status=$?",
                  "mkdir -p \(Self.quoted(folder.appendingPathComponent("status").path))",
                  "echo \"$status\" > \(Self.quoted(folder.appendingPathComponent("status").path))/\"\(id).exit\"",
                  "exit \"$status\""]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A shell word for `text`.
    static func quoted(_ text: String) -> String {
        if !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,@+".contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
