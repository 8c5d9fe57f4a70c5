import ArgumentParser
import Foundation
import Pipeline

/// `zae-video status --out DIR`: where an evaluation stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show an evaluate output folder's progress: stages done, clips done/total, skipped clips, missing shards, time so far.")

    @Option(help: "The evaluate --out folder.")
    var out: String

    func run() throws {
        print(try RecognitionStatus(output: URL(fileURLWithPath: out)).text)
    }
}

/// `zae-video table RUN_DIR... --out DIR`: the mean-AP table of finished evaluations.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Build the table of mean AP per model (beside the paper's numbers) from finished evaluate folders.")

    @Argument(help: "evaluate --out folders.")
    var runs: [String]

    @Option(help: "Where table.md and table.json go (default: the current folder).")
    var out: String = "."

    func run() throws {
        let table = RecognitionTable(runs: runs.map { URL(fileURLWithPath: $0) })
        try table.write(to: URL(fileURLWithPath: out))
        print(table.markdown)
        print("wrote \(out)/table.md, table.json")
        if table.rows.contains(where: { $0.error != nil }) { throw ExitCode.failure }
    }
}
