import Datasets
import Foundation
import Linalg
import Runs
import Support

/// The paper's table from finished evaluations: one row per run folder with the model, the dataset
/// and split, its mean AP (non-interpolated and 11-point; over splits, the mean of each split's, for
/// an `evaluate --split all` folder), its 11-point AP per class and, beside Hollywood2 runs only, the
/// paper's number for that kind, written as `table.md`, `table.json` and `table.html` (the runs side
/// by side, linking each run's own page). A folder without a report is listed as missing, not left out.
public struct EvaluationTable: Codable, Sendable {
    /// One evaluation.
    public struct Row: Codable, Sendable, Equatable {
        /// The run folder.
        public var run: String
        /// The model kind (nil when the report is missing).
        public var model: String?
        /// Features of the model.
        public var features: Int?
        /// The dataset's layout, e.g. "Hollywood2" or "UCF101" (nil when the report does not say).
        public var dataset: String?
        /// The split evaluated ("all (1, 2, 3)" for every split of a dataset).
        public var split: String?
        /// Mean AP, percent.
        public var meanAP: Double?
        /// Mean 11-point AP, percent.
        public var meanAP11pt: Double?
        /// The paper's mean AP for this kind on Hollywood2, percent.
        public var paper: Double?
        /// 11-point AP per class, percent (classes without an AP are absent).
        public var classAP11pt: [String: Double]?
        /// Why there is no result.
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case run, model, features, dataset, split, meanAP = "mean_ap", meanAP11pt = "mean_ap_11pt", paper = "paper_mean_ap"
            case classAP11pt = "class_ap_11pt", error
        }
    }

    /// The rows, in the order the runs were given.
    public var rows: [Row]

    /// Reads the `report.json` of every run folder (one split's, or an `evaluate --split all` one's).
    public init(runs: [URL]) {
        rows = runs.map { run in
            let file = run.appendingPathComponent("report.json")
            do {
                return try Self.row(run: run.path, report: Self.read(file))
            } catch {
                let reason = FileManager.default.fileExists(atPath: file.path) ? "unreadable report: \(error)" : "no report.json (the evaluation did not finish)"
                return Row(run: run.path, error: "\(file.path): \(reason)")
            }
        }
    }

    /// A report as written by one split's run or by `evaluate --split all`.
    enum AnyReport {
        case one(EvaluationReport)
        case allSplits(AllSplitsReport)
    }

    /// Reads a `report.json` of either kind; the error says in one line what is wrong.
    static func read(_ file: URL) throws -> AnyReport {
        let data = try Data(contentsOf: file)
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["splits"] != nil {
            // Earlier versions wrote the splits' stage times as numbers, not ISO 8601 dates.
            if let older = try? JSONDecoder().decode(AllSplitsReport.self, from: data) { return .allSplits(older) }
            return .allSplits(try JSONProblem.decode(AllSplitsReport.self, from: data, decoder: StageRecord.decoder))
        }
        return .one(try JSONProblem.decode(EvaluationReport.self, from: data, decoder: StageRecord.decoder))
    }

    /// Why the `report.json` at `file` cannot be read, or nil when it can.
    public static func problem(readingReport file: URL) -> String? {
        do { _ = try read(file) } catch { return (error as? SupportError).map(\.description) ?? FileErrorReason.of(error) }
        return nil
    }

    /// The row of a report: the paper's figure only beside a Hollywood2 run.
    static func row(run: String, report: AnyReport) -> Row {
        switch report {
        case let .one(report):
            let dataset = report.dataset ?? (report.split == Hollywood2Layout.splitName ? "Hollywood2" : nil)
            return Row(run: run, model: report.model.name, features: report.model.features, dataset: dataset, split: report.split,
                       meanAP: report.meanAP.map { 100 * $0 }, meanAP11pt: report.meanAP11pt.map { 100 * $0 },
                       paper: dataset == "Hollywood2" ? report.model.paperMeanAP : nil,
                       classAP11pt: report.perClass.compactMapValues { $0.ap11pt.map { 100 * $0 } })
        case let .allSplits(all):
            let reports = all.splits.keys.sorted().map { all.splits[$0]! }
            let first = reports.first
            let ap11 = AllSplitsReport.meanAndDeviation(reports.compactMap(\.meanAP11pt)).0
            return Row(run: run, model: first?.model.name, features: first?.model.features,
                       dataset: first?.dataset ?? all.dataset, split: "all (\(all.splits.keys.sorted().joined(separator: ", ")))",
                       meanAP: all.meanAPMean.map { 100 * $0 }, meanAP11pt: ap11.map { 100 * $0 }, paper: nil)
        }
    }

    /// The table a person reads.
    public var markdown: String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "n/a" }
        var lines = ["# Mean average precision per model", "",
                     "| model | features | dataset | split | mean AP | mean AP (11-point) | paper (Hollywood2) | run |",
                     "|---|---:|---|---|---:|---:|---:|---|"]
        for row in rows {
            lines.append("| \(row.model ?? "?") | \(row.features.map(String.init) ?? "") | \(row.dataset ?? "?") | \(row.split ?? "") "
                         + "| \(percent(row.meanAP)) | \(percent(row.meanAP11pt)) | \(row.paper.map { String(format: "%.1f", $0) } ?? "") | \(row.run) |")
        }
        let missing = rows.compactMap(\.error)
        if !missing.isEmpty { lines += [""] + missing.map { "- \($0)" } }
        lines += ["", "The paper's numbers are Konda et al.'s Hollywood2 results at 600 features, shown beside Hollywood2 runs only."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `table.md`, `table.json` and `table.html` into `folder`, each atomically.
    public func write(to folder: URL) throws {
        try AtomicFile.write(try JSONEncoder.readable().encode(self), to: folder.appendingPathComponent("table.json"))
        try AtomicFile.write(markdown, to: folder.appendingPathComponent("table.md"))
        try page(folder: folder).write(to: folder.appendingPathComponent(Self.pageName))
    }
}
