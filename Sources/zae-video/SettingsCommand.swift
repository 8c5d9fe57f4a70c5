import ArgumentParser
import Evaluation
import Runs
import Studies

/// `zae-video settings`: print the built-in default settings as a pipeline file to start from.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Print the default settings as a JSON pipeline file (edit it, pass it with --pipeline).")

    func run() throws {
        print(try SettingsFile.encode(VideoPipelineSettings()), terminator: "")
    }
}
