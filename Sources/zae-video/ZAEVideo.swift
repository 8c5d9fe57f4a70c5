import ArgumentParser
import Support

/// The `zae-video` command line: parses, calls the library, prints.
@main
struct ZAEVideo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zae-video",
        abstract: "Zero-bias autoencoders for video features, measured on activity recognition.",
        version: "0.1.0",
        subcommands: [LearnCommand.self, EvaluateCommand.self, ExtractCommand.self, PredictCommand.self, RotdotsCommand.self, FiltersCommand.self, MakeDatasetCommand.self, ProbeCommand.self,
                      SettingsCommand.self, InfoCommand.self, BenchCommand.self, SlurmCommand.self, StatusCommand.self, TableCommand.self]
    )

    /// Parses and runs; an error that escaped as a raw Foundation error (a multi-line
    /// NSCocoaErrorDomain dump) is printed as one line naming its file instead.
    static func main() {
        BLASRuntime.ensureCoreType()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: FileErrorReason.line(for: error).map(OneLineError.init) ?? error)
        }
    }
}
