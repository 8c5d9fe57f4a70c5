import ArgumentParser
import Datasets
import Evaluation
import Foundation
import Learners
import Runs
import Studies

/// `zae-video slurm`: the recognition protocol, or the paper's whole table, as Slurm jobs.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run evaluate, extract, or the paper's whole table, as Slurm batch jobs.",
        subcommands: [SlurmEvaluateCommand.self, SlurmExtractCommand.self, SlurmTableCommand.self])
}

/// The sbatch options every `slurm` subcommand takes, and what to do after submitting.
struct SlurmOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Descriptor (or extract) tasks: the array job's size (each task takes the clips whose index is I modulo N).")
    var tasks: Int = 4

    @Option(parsing: .unconditional, help: "sbatch --partition.")
    var partition: String?

    @Option(parsing: .unconditional, help: "sbatch --time (for example 2:00:00).")
    var time: String?

    @Option(parsing: .unconditional, help: "sbatch --mem for every job (for example 4G); default: per job, what its stage needs by the memory estimate, plus a quarter.")
    var mem: String?

    @Option(parsing: .unconditional, help: "sbatch --cpus-per-task; also each task's BLAS threads.")
    var cpusPerTask: Int = 1

    @Option(parsing: .unconditional, help: "sbatch --account.")
    var account: String?

    @Option(name: .customLong("sbatch"), help: "Another sbatch option, passed as given (repeatable), for example --sbatch=--qos=long.")
    var sbatch: [String] = []

    @Flag(help: "Write the scripts and print the sbatch commands; submit nothing.")
    var dryRun = false

    @Flag(help: "Wait until every job ended; exit 0 only if all succeeded, else name the failed ones and their logs.")
    var wait = false

    func validate() throws {
        guard tasks >= 1 else { throw ValidationError("--tasks \(tasks): must be at least 1") }
        guard cpusPerTask >= 1 else { throw ValidationError("--cpus-per-task \(cpusPerTask): must be at least 1") }
        if dryRun && wait { throw ValidationError("--wait cannot follow a --dry-run") }
    }

    var resources: SlurmResources {
        SlurmResources(partition: partition, time: time, memory: mem, cpusPerTask: cpusPerTask, account: account, extra: sbatch)
    }

    /// Submits (or lists), prints the job ids, and waits when asked; fails when a job failed.
    func submit(_ jobs: [SlurmJob], folder: URL) throws {
        let submission = SlurmSubmission(jobs: jobs, folder: folder, resources: resources)
        let submitted = try submission.submit(dryRun: dryRun)
        for job in submitted {
            print(dryRun ? job.command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
                  : "submitted \(job.job.name): job \(job.id)\(job.job.shards.map { " (array of \($0) tasks)" } ?? "")")
        }
        print("memory per job:")
        for job in jobs { print("  " + job.memoryLine(resources)) }
        print("scripts and logs: \(folder.path)")
        guard wait else { return }
        let failed = try SlurmWatch(folder: folder, jobs: submitted).wait { print($0) }
        guard failed.isEmpty else {
            for task in failed { printError("failed: \(task)") }
            throw ExitCode.failure
        }
        print("all \(submitted.count) jobs succeeded")
    }
}

/// `zae-video slurm evaluate <evaluate flags> --tasks N`.
struct SlurmEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Submit evaluate as Slurm jobs: prepare, an array of N descriptor tasks after it, finish after them.",
        discussion: """
        Takes every flag of zae-video evaluate (they are checked here, and passed to each job as given), \
        writes the sbatch scripts into <out>/slurm/ and submits them. Submitting the same command again \
        after a failure redoes only what is missing. Watch with zae-video status --out DIR and squeue.
        """)

    @OptionGroup var slurm: SlurmOptions

    @Argument(parsing: .allUnrecognized, help: "The evaluate flags (--dataset, --root, --model, --out, ...).")
    var evaluateArguments: [String] = []

    func run() throws {
        let evaluate = try EvaluateCommand.parse(evaluateArguments)
        guard evaluate.stage == nil, evaluate.shard == nil else { throw ValidationError("--stage and --shard are chosen by slurm evaluate itself") }
        guard evaluate.dataset.videoLayout != nil, evaluate.root != nil, evaluate.model != nil || evaluate.descriptors != nil else {
            throw ValidationError("slurm evaluate runs the video protocol: give --dataset hollywood2|ucf101|hmdb51|kth|csv --root DIR --model DIR (or --descriptors DIR)")
        }
        guard case let .number(split) = evaluate.split ?? .number(1) else {
            throw ValidationError("slurm evaluate runs one split: give --split N (submit once per split)")
        }
        let out = URL(fileURLWithPath: evaluate.out ?? "runs/\(evaluate.dataset.rawValue)")
        // The layout is checked here; without --mem each job asks for its stage's estimate, from the
        // settings, the bundle (or the descriptor files' headers) and the dataset's clips.
        let dataset = try evaluate.dataset.videoLayout!.load(root: URL(fileURLWithPath: evaluate.root!), split: split)
        let tasks = try SlurmJob.arrayTasks(slurm.tasks, clips: dataset.train.clips.count + dataset.test.clips.count)
        var memory: MemoryEstimate?
        if slurm.mem == nil, let source = evaluate.descriptorSource {
            memory = try SlurmMemory.evaluate(evaluate.videoSettings(), source: source, dataset: dataset, cpus: slurm.cpusPerTask)
        }
        try slurm.submit(SlurmJob.evaluation(arguments: evaluateArguments, shards: tasks, memory: memory),
                         folder: out.appendingPathComponent("slurm"))
    }
}

/// `zae-video slurm extract <extract flags> --tasks N`.
struct SlurmExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Submit extract as a Slurm array of N tasks, task I extracting the inputs whose index is I modulo N.",
        discussion: """
        Takes every flag and input of zae-video extract (checked here, passed to each task as given), writes \
        the sbatch script into <out>/slurm/ and submits it. Every task merges the shards' indexes into \
        <out>/index.csv; submitting again after a failure redoes only the clips that are missing.
        """)

    @OptionGroup var slurm: SlurmOptions

    @Argument(parsing: .allUnrecognized, help: "The extract flags and inputs (--model, --out, videos or --dataset/--root, ...).")
    var extractArguments: [String] = []

    func run() throws {
        let extract = try ExtractCommand.parse(extractArguments)
        guard extract.shard == nil else { throw ValidationError("--shard is chosen by slurm extract itself (task I of --tasks N)") }
        // Without --mem each task asks for what its clips need (evaluate's descriptor stage, by the same estimate).
        let memory = slurm.mem == nil ? try extract.extraction().memory(workers: slurm.cpusPerTask) : nil
        try slurm.submit([SlurmJob(name: "extract", arguments: ["extract"] + extractArguments, shards: slurm.tasks, memory: memory)],
                         folder: URL(fileURLWithPath: extract.out).appendingPathComponent("slurm"))
    }
}

/// `zae-video slurm table --root R --out O --learners ... --tasks N`.
struct SlurmTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Submit the paper's whole table: per model a learn job and its evaluate chain, then a job writing O/table.md, O/table.json and O/table.html.",
        discussion: "Models go to O/models/<kind> (a finished bundle is kept on resubmission), evaluations to O/runs/<kind>.")

    @Option(help: "The dataset root (Hollywood2 layout).")
    var root: String

    @Option(help: "Where models, runs and the table go.")
    var out: String

    @Option(name: [.customLong("learners"), .customLong("models")],
            help: "Comma-separated feature learners (--models is its earlier name).")
    var learners: String = LearnerKind.defaultKinds(for: .video).map(\.rawValue).joined(separator: ",")

    @OptionGroup var pipeline: PipelineOption

    @OptionGroup var slurm: SlurmOptions

    func run() throws {
        let kinds = learners.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard !kinds.isEmpty else { throw ValidationError("--learners names no learner") }
        for kind in kinds where ModelKind(rawValue: kind) == nil {
            throw ValidationError("unknown model \"\(kind)\" (one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let settings = try pipeline.settings()
        let folder = URL(fileURLWithPath: out)
        let pipelineArguments = pipeline.file.map { ["--pipeline", $0] } ?? []
        // The dataset is read once: its layout checked, its clips bounding --tasks and, without --mem,
        // sizing each job's estimate.
        let layout = try DatasetLayout.hollywood2.load(root: URL(fileURLWithPath: root))
        let tasks = try SlurmJob.arrayTasks(slurm.tasks, clips: layout.train.clips.count + layout.test.clips.count)
        let dataset = slurm.mem == nil ? layout : nil
        var jobs: [SlurmJob] = []
        for kind in kinds {
            var kindSettings = settings
            kindSettings.model.kind = ModelKind(rawValue: kind)!
            let model = folder.appendingPathComponent("models/\(kind)").path
            jobs.append(SlurmJob(name: "\(kind)-learn", arguments: ["learn", "--model", kind, "--data", root, "--out", model] + pipelineArguments,
                                 doneWhenExists: model + "/model.json",
                                 memory: dataset.map { _ in SlurmMemory.learn(kindSettings, cpus: slurm.cpusPerTask) }))
            let evaluate = ["--dataset", "hollywood2", "--root", root, "--model", model,
                            "--out", folder.appendingPathComponent("runs/\(kind)").path] + pipelineArguments
            let memory = try dataset.map { try SlurmMemory.evaluate(kindSettings, model: URL(fileURLWithPath: model), dataset: $0, cpus: slurm.cpusPerTask) }
            jobs += SlurmJob.evaluation(arguments: evaluate, shards: tasks, prefix: "\(kind)-", after: ["\(kind)-learn"], memory: memory)
        }
        jobs.append(SlurmJob(name: "table", arguments: ["table"] + kinds.map { folder.appendingPathComponent("runs/\($0)").path } + ["--out", out],
                             after: kinds.map { "\($0)-finish" }, dependency: .afterAny, memory: SlurmMemory.table))
        try slurm.submit(jobs, folder: folder.appendingPathComponent("slurm"))
    }
}
