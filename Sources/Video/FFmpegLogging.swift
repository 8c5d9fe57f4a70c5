import CFFmpeg

/// FFmpeg's libraries print warnings and errors on stderr by themselves; this project reports
/// problems as `VideoError`s instead, so it turns that output off once, before the first FFmpeg use.
enum FFmpegLogging {
    /// Silences FFmpeg's own log output (idempotent, thread-safe: a lazily initialised global).
    static func silence() { _ = silenced }

    private static let silenced: Void = av_log_set_level(AV_LOG_QUIET)
}
