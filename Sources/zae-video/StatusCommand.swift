import ArgumentParser
import Evaluation
import Foundation
import Runs
import Studies

/// `zae-video status --out DIR`: where an evaluation stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show an evaluate output folder's progress: stages done, clips done/total, skipped clips, missing shards, time so far.")

    @Option(help: "The evaluate --out folder.")
    var out: String

    func run() throws {
        print(try EvaluationStatus(output: URL(fileURLWithPath: out)).text)
    }
}
