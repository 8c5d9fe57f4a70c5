import ArgumentParser
import Foundation
import Video

/// `zae-video probe`: what the decoder sees in each file.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Decode video files and report codec, size, frames, frame rate and gray sum.",
        discussion: "A file that fails is reported with the reason and does not stop the others; the exit status is non-zero if any failed.")

    @Argument(help: "Video files.")
    var files: [String]

    @Flag(help: "Print one JSON array of objects with keys path, codec, width, height, frames, fps, gray_sum, error.")
    var json = false

    @Option(parsing: .unconditional, help: "Decoder threads per file (0 = FFmpeg's choice).")
    var threads = 1

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (FFmpeg's choice) or more") }
    }

    func run() throws {
        let reports = VideoProbe.probe(paths: files, threadCount: threads)
        if json {
            let encoder = JSONEncoder.readable()
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        } else {
            for report in reports {
                if let error = report.error {
                    printError("error: \(error)")
                } else {
                    print("\(report.path)  codec \(report.codec ?? "?")  \(report.width ?? 0)x\(report.height ?? 0)  "
                          + "frames \(report.frames ?? 0)  fps \(String(format: "%.3f", report.fps ?? 0))  gray_sum \(report.graySum ?? 0)")
                }
            }
        }
        if reports.contains(where: { $0.error != nil }) { throw ExitCode.failure }
    }
}
