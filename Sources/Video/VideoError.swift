/// What went wrong reading or writing a video file. Every case names the file, and `description`
/// is one line a user can act on, such as `clip.avi: no video stream (the file holds: audio)`.
public enum VideoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path.
    case fileMissing(path: String)
    /// The file exists but holds no bytes.
    case emptyFile(path: String)
    /// The path cannot be opened: a symbolic-link loop or a dangling link, no permission, ...
    case unreadable(path: String, reason: String)
    /// FFmpeg cannot read the file as a media container (for example a text file named `.avi`).
    case notAVideoFile(path: String, reason: String)
    /// The file is a media file, but none of its streams is video.
    case noVideoStream(path: String, streamKinds: [String])
    /// The file uses something this build cannot handle (a codec without a decoder, a frame size
    /// that changes mid-stream, ...).
    case unsupported(path: String, reason: String)
    /// The video stream is truncated or corrupt: decoding stopped early or hit damaged data.
    /// `framesDecoded` frames were delivered before the end.
    case damagedStream(path: String, framesDecoded: Int, reason: String)
    /// Writing the file failed.
    case cannotWrite(path: String, reason: String)
    /// Any other FFmpeg call that failed: what was being done and FFmpeg's reason.
    case ffmpeg(path: String, operation: String, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case let .fileMissing(path), let .emptyFile(path), let .unreadable(path, _), let .notAVideoFile(path, _),
             let .noVideoStream(path, _), let .unsupported(path, _), let .damagedStream(path, _, _),
             let .cannotWrite(path, _), let .ffmpeg(path, _, _):
            return path
        }
    }

    /// One line: the file, a colon, the problem.
    public var description: String {
        switch self {
        case let .fileMissing(path):
            return "\(path): no such file"
        case let .emptyFile(path):
            return "\(path): empty file (0 bytes)"
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .notAVideoFile(path, reason):
            return "\(path): not a video file FFmpeg can read (\(reason))"
        case let .noVideoStream(path, kinds):
            let held = kinds.isEmpty ? "no streams" : kinds.joined(separator: ", ")
            return "\(path): no video stream (the file holds: \(held))"
        case let .unsupported(path, reason):
            return "\(path): unsupported: \(reason)"
        case let .damagedStream(path, frames, reason):
            return "\(path): truncated or corrupt video stream: \(reason) (\(frames) frames decoded)"
        case let .cannotWrite(path, reason):
            return "\(path): cannot write: \(reason)"
        case let .ffmpeg(path, operation, reason):
            return "\(path): cannot \(operation): \(reason)"
        }
    }
}
