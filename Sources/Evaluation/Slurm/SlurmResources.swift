/// What every job of a submission asks Slurm for: the usual `sbatch` options and a pass-through
/// for any other. Each task's BLAS threads follow `cpusPerTask`.
public struct SlurmResources: Sendable, Equatable {
    /// `--partition`.
    public var partition: String?
    /// `--time` (Slurm's formats, for example `2:00:00`).
    public var time: String?
    /// `--mem` for every job (for example `4G`); nil: each job asks for what its stage needs (`SlurmJob.memoryRequest`).
    public var memory: String?
    /// `--cpus-per-task`, also the BLAS threads of each task.
    public var cpusPerTask: Int
    /// `--account`.
    public var account: String?
    /// Further `sbatch` options, as given (for example `--qos=long`).
    public var extra: [String]

    /// Resources of a submission.
    public init(partition: String? = nil, time: String? = nil, memory: String? = nil, cpusPerTask: Int = 1,
                account: String? = nil, extra: [String] = []) {
        self.partition = partition
        self.time = time
        self.memory = memory
        self.cpusPerTask = cpusPerTask
        self.account = account
        self.extra = extra
    }

    /// Refuses a value no batch script may be written from, naming its flag (`SlurmValue`).
    public func validate() throws {
        if let partition { try SlurmValue.names(partition, flag: "--partition") }
        if let time { try SlurmValue.time(time) }
        if let memory { try SlurmValue.memory(memory) }
        if let account { try SlurmValue.names(account, flag: "--account") }
        for option in extra { try SlurmValue.option(option) }
    }

    /// The `#SBATCH` options of a job asking for `memory`.
    func options(memory: String?) -> [String] {
        var options = ["--cpus-per-task=\(cpusPerTask)"]
        if let partition { options.append("--partition=\(partition)") }
        if let time { options.append("--time=\(time)") }
        if let memory { options.append("--mem=\(memory)") }
        if let account { options.append("--account=\(account)") }
        return options + extra
    }
}
