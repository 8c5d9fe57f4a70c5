import Datasets
import Foundation
import Runs
import Support

/// Where an evaluation output folder stands, local or on a cluster, from its files alone: the
/// stages done, clips described / total, clips skipped with their reasons, the descriptor shards
/// still missing (or dropped after finish), and the time the stages took so far.
public struct EvaluationStatus: Sendable {
    /// The output folder.
    public var output: URL
    /// The plan, once prepared.
    public var plan: EvaluationPlan?
    /// Clips described.
    public var described: Int
    /// Clips recorded as skipped, with reasons.
    public var skipped: [(clip: String, reason: String)]
    /// Clip positions with neither.
    public var missing: [Int]
    /// Clips whose descriptors were dropped after finish (`evaluate --drop-descriptors`).
    public var dropped: Int
    /// Every stage record.
    public var stages: [StageRecord]
    /// True when the report is written.
    public var finished: Bool
    /// Files that should hold records or the report but cannot be read, each `path: reason`.
    public var damaged: [String]
    /// The status of each split of an `evaluate --split all` output (`split<N>/`), by split number.
    public var splits: [(split: Int, status: EvaluationStatus)]

    /// Reads the state of `output` (a missing path or a file is refused; an `evaluate --split all`
    /// output is read split by split).
    public init(output: URL) throws {
        self.output = output
        if let kind = FileErrorReason.notARegularFile(output.path), !kind.hasPrefix("a folder") {
            throw EvaluationError.notAnOutput(path: output.path, what: kind == "missing" ? "no such folder" : kind)
        }
        guard DatasetLayout.isFolder(output) else { throw EvaluationError.notAnOutput(path: output.path, what: "a file") }
        stages = StageRecord.all(in: output)
        damaged = StageRecord.unreadable(in: output)
        let report = output.appendingPathComponent("report.json")
        var reportReadable = false
        if FileManager.default.fileExists(atPath: report.path) {
            if let problem = EvaluationTable.problem(readingReport: report) { damaged.append("\(report.path): \(problem)") } else { reportReadable = true }
        }
        splits = try ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [])
            .compactMap { name in name.hasPrefix("split") ? Int(name.dropFirst("split".count)).map { ($0, name) } : nil }
            .filter { DatasetLayout.isFolder(output.appendingPathComponent($0.1)) }
            .sorted { $0.0 < $1.0 }
            .map { ($0.0, try EvaluationStatus(output: output.appendingPathComponent($0.1))) }
        finished = reportReadable && (stages.contains { $0.stage == .finish } || !splits.isEmpty)
        guard FileManager.default.fileExists(atPath: EvaluationPlan.file(in: output).path) else {
            plan = nil
            (described, skipped, missing, dropped) = (0, [], [], 0)
            return
        }
        let plan = try EvaluationPlan.load(from: output)
        self.plan = plan
        (described, skipped, missing, dropped) = (0, [], [], 0)
        for (position, clip) in plan.clips.enumerated() {
            switch plan.state(of: clip, in: output) {
            case .described: described += 1
            case let .skipped(reason): skipped.append((clip.name, reason))
            case .dropped: dropped += 1
            case .missing: missing.append(position)
            }
        }
    }

    /// The shards with missing clips, by the shard count of the last descriptor run (nil when none ran).
    public var missingShards: [ClipShard]? {
        guard let count = stages.last(where: { $0.stage == .descriptors })?.shard?.count else { return nil }
        return Set(missing.map { $0 % count }).sorted().map { try! ClipShard(index: $0, count: count) }
    }

    /// The report a person reads.
    public var text: String {
        let problems = damaged.map { "damaged: \($0)" }
        if !splits.isEmpty {
            var lines = ["\(output.path): evaluate --split all, \(splits.count) split\(splits.count == 1 ? "" : "s")"]
            lines.append("all splits: \(finished ? "finished (report.json, report.md)" : "not finished (no complete report.json yet)")")
            lines += problems
            for (split, status) in splits { lines += ["", "split \(split):"] + status.text.split(separator: "\n").map { "  \($0)" } }
            return lines.joined(separator: "\n")
        }
        guard let plan else { return (["\(output.path): not prepared yet (no plan.json)"] + problems).joined(separator: "\n") }
        var lines = ["\(output.path)"] + problems
        let done = EvaluationStage.allCases.filter { stage in
            switch stage {
            case .prepare: return stages.contains { $0.stage == .prepare }
            case .descriptors: return missing.isEmpty
            case .finish: return finished
            }
        }
        lines.append("stages done: \(done.isEmpty ? "none" : done.map(\.rawValue).joined(separator: ", "))")
        lines.append("clips: \(described + dropped + skipped.count) of \(plan.clips.count) done (\(described + dropped) described, \(skipped.count) skipped)")
        if dropped > 0 {
            lines.append("descriptors dropped after finish (\(dropped) clips): reports, encodings and recogniser kept; "
                         + "a rerun with another vocabulary or encoding computes them again")
        }
        for item in skipped { lines.append("  skipped \(item.clip): \(item.reason)") }
        if !missing.isEmpty {
            if let shards = missingShards {
                lines.append("shards missing: \(shards.map(\.description).joined(separator: ", ")) (\(missing.count) clips)")
            } else {
                lines.append("descriptors not started (\(missing.count) clips)")
            }
        }
        for record in stages {
            var line = "  \(record.stage.rawValue)\(record.shard.map { " \($0)" } ?? ""): \(String(format: "%.1f", record.seconds)) s, "
                + "peak \(String(format: "%.0f", record.peakMemoryMB)) MB on \(record.host)"
            if let c = record.clips {
                line += "; \(c.described) described, \(c.cached) cached, \(c.recomputed) recomputed, \(c.skipped) skipped"
                    + (c.dropped.map { ", \($0) dropped after finish" } ?? "")
            }
            lines.append(line)
        }
        lines.append("time so far: \(String(format: "%.1f", stages.reduce(0) { $0 + $1.seconds })) s of stage work")
        return lines.joined(separator: "\n")
    }
}
