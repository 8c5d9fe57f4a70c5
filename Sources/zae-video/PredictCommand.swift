import ArgumentParser
import Datasets
import Foundation
import Evaluation
import Runs
import Support

/// `zae-video predict --run RUN_DIR INPUT...`: a run's recogniser applied to new clips.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Recognise the actions in new clips with the classifiers an evaluate run trained.",
        discussion: """
        RUN_DIR is an evaluate output folder (its finish stage keeps RUN_DIR/recogniser/). Every clip is \
        described with the run's model bundle and settings, encoded and scored by each class's classifier; \
        the classes are printed by descending score (one-vs-rest decision values), with the winning class \
        for single-label datasets. A clip that cannot be read is reported and the others are scored.
        """)

    @Option(name: .customLong("run"), help: "The evaluate output folder whose recogniser to use.")
    var runFolder: String

    @Argument(help: "Video files or folders of videos.")
    var inputs: [String]

    @Flag(help: "Print JSON (one array of {clip, predicted, ranking: [{action, score}], error}).")
    var json = false

    @Option(help: "Show only the K best classes per clip.")
    var top: Int?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give the clips (video files or folders) to recognise") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let files = try VideoInputs.resolve(inputs.map { URL(fileURLWithPath: $0) }).map(\.file)
        let prediction = try ClipPrediction(run: URL(fileURLWithPath: runFolder))
        let progress = ProgressLine(), clock = StageClock()
        let outcomes = try prediction.run(files) { done, total in
            if !json { progress.update(countLine(done: done, total: total, elapsed: clock.seconds)) }
        }
        let ranked = outcomes.map { RankedPrediction($0, recogniser: prediction.recogniser, top: top) }
        if json {
            print(String(decoding: try JSONEncoder.readable().encode(ranked), as: UTF8.self))
        } else {
            for prediction in ranked { progress.line(prediction.line) }
        }
        let failed = ranked.filter { $0.error != nil }
        if !failed.isEmpty {
            printError("\(failed.count) of \(ranked.count) clips could not be scored")
            throw ExitCode.failure
        }
    }
}
