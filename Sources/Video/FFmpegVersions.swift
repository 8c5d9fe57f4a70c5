import CFFmpeg

/// The FFmpeg libraries the process runs, as `name major.minor.micro` (what `zae-video info` prints).
public enum FFmpegVersions {
    /// FFmpeg's release string and the version of each library the project links.
    public static var all: [(library: String, version: String)] {
        func dotted(_ v: UInt32) -> String { "\(v >> 16).\((v >> 8) & 0xFF).\(v & 0xFF)" }
        return [("ffmpeg", av_version_info().map { String(cString: $0) } ?? "unknown"),
                ("libavformat", dotted(avformat_version())), ("libavcodec", dotted(avcodec_version())),
                ("libswscale", dotted(swscale_version())), ("libavutil", dotted(avutil_version()))]
    }
}
