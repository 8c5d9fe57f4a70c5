import Foundation
import Runs
import Support

/// Waits for submitted jobs to end and tells which tasks failed: a task succeeded when its script
/// recorded exit status 0 in `status/`; a task that left the queue without a status was cancelled
/// or killed (for example a job whose dependency failed, which Slurm cancels).
public struct SlurmWatch: Sendable {
    /// The submission's folder.
    public var folder: URL
    /// The jobs.
    public var jobs: [SlurmSubmission.Submitted]
    /// Seconds between two looks at the queue.
    public var interval: Double

    /// A watch over `jobs`.
    public init(folder: URL, jobs: [SlurmSubmission.Submitted], interval: Double = 2) {
        self.folder = folder
        self.jobs = jobs
        self.interval = interval
    }

    /// A task that did not succeed.
    public struct FailedTask: Sendable, CustomStringConvertible {
        /// The job's name.
        public var job: String
        /// The task id (`ID` or `ID_I`).
        public var task: String
        /// What happened.
        public var reason: String
        /// Its log.
        public var log: URL

        public var description: String { "\(job) (\(task)) \(reason); log: \(log.path)" }
    }

    /// The exit status a task recorded, if any.
    func recordedStatus(_ task: String) -> Int? {
        (try? String(contentsOf: folder.appendingPathComponent("status/\(task).exit"), encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Ids of this watch's jobs still in the queue (array tasks as `ID_I`, or `ID` while all pending).
    func queued() throws -> Set<String> {
        let ids = Set(jobs.map(\.id))
        let lines = try SlurmCommandLine.run("squeue", ["-h", "-o", "%i"]).split(separator: "\n").map(String.init)
        return Set(lines.filter { ids.contains(String($0.split(separator: "_").first ?? "")) })
    }

    /// Blocks until none of the jobs is queued or running; returns the tasks that did not succeed.
    public func wait(progress: (String) -> Void = { _ in }) throws -> [FailedTask] {
        var last = ""
        while true {
            let queued = try queued()
            if queued.isEmpty { break }
            let text = "\(queued.count) job(s) queued or running: \(queued.sorted().prefix(6).joined(separator: " "))"
            if text != last { progress(text); last = text }
            Thread.sleep(forTimeInterval: interval)
        }
        var failed: [FailedTask] = []
        for submitted in jobs {
            for task in submitted.job.taskIDs(job: submitted.id) {
                let status = recordedStatus(task)
                guard status != 0 else { continue }
                failed.append(FailedTask(job: submitted.job.name, task: task,
                                         reason: status.map { "failed with exit status \($0)" } ?? "ended without a status (cancelled, killed, or a job it depends on failed)",
                                         log: submitted.log(task: task, folder: folder)))
            }
        }
        return failed
    }
}
