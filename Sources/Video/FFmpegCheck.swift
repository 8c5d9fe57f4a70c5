import CFFmpeg

/// Returns `code` when it is a success value of an FFmpeg call (zero or positive) and throws the
/// error `failure` builds from FFmpeg's text for it otherwise: the one place FFmpeg's negative
/// AVERROR codes turn into `VideoError`s.
@discardableResult
func check(_ code: Int32, or failure: (_ reason: String) -> VideoError) throws(VideoError) -> Int32 {
    guard code < 0 else { return code }
    throw failure(ffmpegErrorText(code))
}

/// FFmpeg's text for an AVERROR code, as `av_strerror` gives it.
func ffmpegErrorText(_ code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    zae_av_strerror(code, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
