import Foundation
import Linalg
import Runs
import Support

/// The paper's table from finished evaluations: one row per run folder with the model, its mean AP
/// (non-interpolated and 11-point) and the paper's Hollywood2 number for that kind, written as
/// `table.md` and `table.json`. A folder without a report is listed as missing, not left out.
public struct EvaluationTable: Codable, Sendable {
    /// One evaluation.
    public struct Row: Codable, Sendable, Equatable {
        /// The run folder.
        public var run: String
        /// The model kind (nil when the report is missing).
        public var model: String?
        /// Features of the model.
        public var features: Int?
        /// Mean AP, percent.
        public var meanAP: Double?
        /// Mean 11-point AP, percent.
        public var meanAP11pt: Double?
        /// The paper's mean AP for this kind on Hollywood2, percent.
        public var paper: Double?
        /// Why there is no result.
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case run, model, features, meanAP = "mean_ap", meanAP11pt = "mean_ap_11pt", paper = "paper_mean_ap", error
        }
    }

    /// The rows, in the order the runs were given.
    public var rows: [Row]

    /// Reads the `report.json` of every run folder.
    public init(runs: [URL]) {
        rows = runs.map { run in
            let file = run.appendingPathComponent("report.json")
            do {
                let report = try StageRecord.decoder.decode(EvaluationReport.self, from: Data(contentsOf: file))
                return Row(run: run.path, model: report.model.kind.rawValue, features: report.model.features,
                           meanAP: report.meanAP.map { 100 * $0 }, meanAP11pt: report.meanAP11pt.map { 100 * $0 },
                           paper: report.model.paperMeanAP, error: nil)
            } catch {
                let reason = FileManager.default.fileExists(atPath: file.path) ? "unreadable report: \(error)" : "no report.json (the evaluation did not finish)"
                return Row(run: run.path, model: nil, features: nil, meanAP: nil, meanAP11pt: nil, paper: nil, error: "\(file.path): \(reason)")
            }
        }
    }

    /// The table a person reads.
    public var markdown: String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "n/a" }
        var lines = ["# Mean average precision per model", "",
                     "| model | features | mean AP | mean AP (11-point) | paper (Hollywood2) | run |", "|---|---:|---:|---:|---:|---|"]
        for row in rows {
            lines.append("| \(row.model ?? "?") | \(row.features.map(String.init) ?? "") | \(percent(row.meanAP)) | \(percent(row.meanAP11pt)) "
                         + "| \(percent(row.paper)) | \(row.run) |")
        }
        let missing = rows.compactMap(\.error)
        if !missing.isEmpty { lines += [""] + missing.map { "- \($0)" } }
        lines += ["", "The paper's numbers are Konda et al.'s Hollywood2 results at 600 features; compare them only with runs on Hollywood2."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `table.md` and `table.json` into `folder`, each atomically.
    public func write(to folder: URL) throws {
        try AtomicFile.write(try JSONEncoder.readable().encode(self), to: folder.appendingPathComponent("table.json"))
        try AtomicFile.write(markdown, to: folder.appendingPathComponent("table.md"))
    }
}
