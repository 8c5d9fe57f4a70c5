import ArgumentParser
import Evaluation
import Foundation
import Runs
import Studies

/// The `--pipeline FILE` option every command that runs a pipeline shares, and the one way they load it.
struct PipelineOption: ParsableArguments {
    @Option(name: .customLong("pipeline"), help: "A JSON pipeline file (see Pipelines/); its values are laid over the defaults.")
    var file: String?

    /// `defaults` with the file's values laid over them (the defaults alone without a file).
    func settings<Settings: Codable>(over defaults: Settings) throws -> Settings {
        guard let file else { return defaults }
        return try SettingsFile.load(URL(fileURLWithPath: file), over: defaults)
    }

    /// The video pipeline's settings: the file's values over the paper's defaults.
    func settings() throws -> VideoPipelineSettings { try settings(over: VideoPipelineSettings()) }
}
