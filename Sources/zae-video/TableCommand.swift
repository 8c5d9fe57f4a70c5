import ArgumentParser
import Evaluation
import Foundation
import Runs
import Studies

/// `zae-video table RUN_DIR... --out DIR`: the mean-AP table of finished evaluations.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Build the table of mean AP per model (beside the paper's numbers) from finished evaluate folders.")

    @Argument(help: "evaluate --out folders.")
    var runs: [String]

    @Option(help: "Where table.md, table.json and table.html go (default: the current folder).")
    var out: String = "."

    func run() throws {
        let table = EvaluationTable(runs: runs.map { URL(fileURLWithPath: $0) })
        try table.write(to: URL(fileURLWithPath: out))
        print(table.markdown)
        print("wrote \(out)/table.md, table.json, table.html")
        if table.rows.contains(where: { $0.error != nil }) { throw ExitCode.failure }
    }
}
