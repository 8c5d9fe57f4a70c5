import Foundation
import Plots

extension EvaluationTable {
    /// The page's file name.
    public static let pageName = "table.html"

    /// `table.html` for a table written into `folder`: the runs' mean AP as bars with the paper's
    /// figure for each model as a tick, the table with each run linking its own page, and the AP of
    /// every class by run (each cell a bar).
    public func page(folder: URL) -> HTMLPage {
        let finished = rows.filter { $0.error == nil }
        func name(_ row: Row) -> String { "\(row.model ?? "?") (\(row.features.map(String.init) ?? "?")), \(URL(fileURLWithPath: row.run).lastPathComponent)" }
        var chart = SVGBarChart(title: "Mean AP (11-point) per run", labels: finished.map(name), values: finished.map { $0.meanAP11pt.map { $0 / 100 } })
        chart.marks = ("the paper's Hollywood2 figure for the model", finished.map { $0.paper.map { $0 / 100 } })
        let percent = { (value: Double?) in value.map { String(format: "%.1f", $0) } ?? "n/a" }
        let table = HTML.table(header: ["model", "features", "mean AP", "mean AP (11-point)", "paper (Hollywood2)", "run"], rows: rows.map { row in
            let report = URL(fileURLWithPath: row.run).appendingPathComponent(ReportPage.fileName)
            let run: HTML = FileManager.default.fileExists(atPath: report.path)
                ? .link(row.run, to: report, from: folder) : .text(row.run + (row.error.map { ": \($0)" } ?? ""))
            return [.text(row.model ?? "?"), .text(row.features.map(String.init) ?? ""), .text(percent(row.meanAP)),
                    .text(percent(row.meanAP11pt)), .text(percent(row.paper)), run]
        }, numeric: [1, 2, 3, 4])
        var body: [HTML] = [.drawing(chart), table,
                            .paragraph("The paper's numbers are Konda et al.'s Hollywood2 results at 600 features; compare them only with runs on Hollywood2.",
                                       class: "note")]
        let classes = Set(finished.flatMap { $0.classAP11pt?.keys.map { $0 } ?? [] }).sorted()
        if !classes.isEmpty {
            let cells = classes.map { name -> [HTML] in
                [.text(name)] + finished.map { row in
                    guard let ap = row.classAP11pt?[name] else { return .text("n/a") }
                    let bar = String(format: "%.1f", min(max(ap, 0), 100))
                    return .element("span", [("class", "apbar"), ("style", "background:linear-gradient(90deg,#c6dbef \(bar)%,transparent \(bar)%)")],
                                    text: String(format: "%.1f", ap))
                }
            }
            body += [.heading("AP (11-point) per class"),
                     .table(header: ["class"] + finished.map(name), rows: cells, numeric: Set(1...finished.count))]
        }
        return HTMLPage(title: "Mean average precision per model",
                        subtitle: "\(rows.count) runs" + (rows.count == finished.count ? "" : ", \(rows.count - finished.count) without a report"),
                        body: body)
    }
}
