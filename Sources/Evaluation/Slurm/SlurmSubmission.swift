import Foundation
import Linalg
import Runs
import Support

/// A set of dependent jobs submitted together: their scripts are written into a folder
/// (`<out>/slurm/`), then each is submitted with `sbatch` in order, its dependencies given as the
/// job ids of the earlier ones. A dry run writes the scripts and lists the commands only.
public struct SlurmSubmission: Sendable {
    /// The jobs, each after the ones it names.
    public var jobs: [SlurmJob]
    /// Where scripts, logs and exit statuses go.
    public var folder: URL
    /// What every job asks for.
    public var resources: SlurmResources
    /// The `zae-video` binary the jobs run.
    public var binary: String

    /// A submission.
    public init(jobs: [SlurmJob], folder: URL, resources: SlurmResources, binary: String = SlurmSubmission.currentBinary) {
        self.jobs = jobs
        self.folder = folder
        self.resources = resources
        self.binary = binary
    }

    /// The running binary's absolute path.
    public static var currentBinary: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }

    /// A submitted job and its Slurm id.
    public struct Submitted: Sendable {
        /// The job.
        public var job: SlurmJob
        /// Slurm's job id (a placeholder in a dry run).
        public var id: String
        /// The script file.
        public var script: URL
        /// The `sbatch` command line.
        public var command: [String]

        /// The log file of a task (`task` is `ID` or `ID_I`).
        public func log(task: String, folder: URL) -> URL {
            folder.appendingPathComponent("logs/\(job.name)-\(task).log")
        }
    }

    /// Writes the scripts and submits them (or, with `dryRun`, only lists the `sbatch` commands).
    /// Every value is checked (`validate`) before anything is written.
    public func submit(dryRun: Bool) throws -> [Submitted] {
        let workingDirectory = FileManager.default.currentDirectoryPath
        try validate(workingDirectory: workingDirectory)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
        var submitted: [Submitted] = []
        for job in jobs {
            let script = folder.appendingPathComponent("\(job.name).sbatch")
            try AtomicFile.write(job.script(binary: binary, folder: folder, workingDirectory: workingDirectory, resources: resources), to: script)
            var command = ["sbatch", "--parsable"]
            if let shards = job.shards { command.append("--array=0-\(shards - 1)") }
            let ids = try job.after.map { name in
                guard let earlier = submitted.first(where: { $0.job.name == name }) else {
                    throw EvaluationError.slurm(command: "submit", message: "job \(job.name) depends on \(name), which is not before it")
                }
                return earlier.id
            }
            if !ids.isEmpty {
                command += ["--dependency=\(job.dependency.rawValue):\(ids.joined(separator: ":"))", "--kill-on-invalid-dep=yes"]
            }
            command.append(script.path)
            let id: String
            if dryRun {
                id = "<\(job.name)>"
            } else {
                // --parsable prints "ID" or "ID;cluster".
                let output = try SlurmCommandLine.run(command[0], Array(command.dropFirst()))
                id = String(output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first ?? "")
            }
            submitted.append(Submitted(job: job, id: id, script: script, command: command))
        }
        return submitted
    }

    /// Refuses any value the scripts would be written from that a script cannot carry, naming its flag.
    func validate(workingDirectory: String) throws {
        for job in jobs { try job.validate() }
        try resources.validate()
        try SlurmValue.path(folder.path, flag: "--out")
        try SlurmValue.path(workingDirectory, flag: "the current directory")
        try SlurmValue.plain(binary, flag: "the zae-video binary")
    }
}
