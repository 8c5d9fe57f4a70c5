import ArgumentParser
import Foundation
import Pipeline

/// The `--pipeline FILE` option shared by the commands that run the video pipeline.
struct PipelineOption: ParsableArguments {
    @Option(name: .customLong("pipeline"), help: "A JSON pipeline file (see Pipelines/); its values are laid over the paper's defaults.")
    var file: String?

    /// The settings: the file's values over the defaults, or the defaults.
    func settings() throws -> VideoPipelineSettings {
        guard let file else { return VideoPipelineSettings() }
        return try VideoPipelineSettings.load(URL(fileURLWithPath: file))
    }
}
