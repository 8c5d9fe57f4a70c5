import ArgumentParser
import Support

/// The `zae-video` command line: parses, calls the library, prints.
@main
struct ZAEVideo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zae-video",
        abstract: "Zero-bias autoencoders for video features, measured on activity recognition.",
        version: "0.1.0",
        subcommands: [LearnCommand.self, EvaluateCommand.self, RotdotsCommand.self, FiltersCommand.self, MakeDatasetCommand.self, ProbeCommand.self,
                      SettingsCommand.self, InfoCommand.self, BenchCommand.self]
    )

    static func main() {
        BLASRuntime.ensureCoreType()
        Self.main(nil)
    }
}
