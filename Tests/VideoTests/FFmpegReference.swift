import Foundation
import Video

/// What the ffmpeg CLI decodes from a file: the reference the decoder must match exactly.
struct FFmpegReference {
    /// Frames in the CLI's raw gray output.
    let frames: Int
    /// Sum of all bytes of that output.
    let graySum: Int

    /// Runs `ffmpeg -v error -i FILE -fps_mode passthrough -pix_fmt gray -f rawvideo -` and sums
    /// its output as it streams; `frameBytes` (width x height) turns the byte count into frames.
    init(decoding file: URL, frameBytes: Int, ffmpeg: URL) throws {
        let process = Process()
        process.executableURL = ffmpeg
        process.arguments = ["-nostdin", "-v", "error", "-i", file.path, "-fps_mode", "passthrough",
                             "-pix_fmt", "gray", "-f", "rawvideo", "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var bytes = 0, sum = 0
        while let chunk = try output.fileHandleForReading.read(upToCount: 1 << 20), !chunk.isEmpty {
            bytes += chunk.count
            sum += GraySum.of(chunk)
        }
        process.waitUntilExit()
        frames = bytes / frameBytes
        graySum = sum
    }
}
