import CFFmpeg
import Foundation
import Linalg
import Support

/// The machinery the writers share: one FFmpeg encoder fed with packed 8-bit gray frames, muxed
/// into one container file that appears atomically. Output goes to a temporary sibling of the
/// destination and `finish()` renames it into place; a writer dropped before `finish()` deletes
/// its temporary file, so a half-written file never sits at the destination. A muxer made with
/// `inMemory` writes no file: the container's bytes collect in an FFmpeg dynamic buffer and
/// `finish()` hands them over as `encoded` (for pictures embedded in a page).
///
/// Frames enter as gray and are converted (swscale) to the encoder's pixel format: gray itself
/// when the encoder takes it, otherwise yuv420p, otherwise the encoder's first format.
final class GrayEncodingMuxer {
    let path: String
    let width: Int
    let height: Int
    /// The container's bytes, after `finish()` of a muxer made with `inMemory`.
    private(set) var encoded: Data?
    private let temporaryPath: String
    private let inMemory: Bool
    private let handles = EncodingHandles()
    private var finished = false

    /// Opens an encoder and a muxer for `width x height` gray frames whose timestamps count
    /// `timeBase` units. `formatName` names the container (nil: guessed from `path`'s extension);
    /// `configure` sets encoder fields before it opens; `muxerOptions` go to the muxer's header.
    /// With `inMemory` nothing is written to disk and `path` only names the output in errors.
    init(path: String, formatName: String?, encoderName: String, width: Int, height: Int,
         timeBase: AVRational, muxerOptions: [String: String] = [:], inMemory: Bool = false,
         configure: (UnsafeMutablePointer<AVCodecContext>) -> Void = { _ in }) throws {
        FFmpegLogging.silence()
        precondition(width > 0 && height > 0, "frames must have a positive size, got \(width)x\(height)")
        precondition(!inMemory || formatName != nil, "an in-memory muxer needs a container name")
        self.path = path
        self.width = width
        self.height = height
        self.inMemory = inMemory
        let destination = URL(fileURLWithPath: path)
        temporaryPath = inMemory ? path : AtomicFile.temporarySibling(of: destination).path
        if !inMemory {
            do {
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw VideoError.cannotWrite(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
            }
        }

        let container = formatName.map { av_guess_format($0, nil, nil) } ?? av_guess_format(nil, path, nil)
        guard let container else {
            throw VideoError.unsupported(path: path, reason: "no FFmpeg muxer for \(formatName ?? "this file extension")")
        }
        try check(avformat_alloc_output_context2(&handles.format, container, nil, inMemory ? nil : temporaryPath)) {
            .cannotWrite(path: path, reason: $0)
        }
        guard let encoder = avcodec_find_encoder_by_name(encoderName) else {
            throw VideoError.unsupported(path: path, reason: "no \(encoderName) encoder in this FFmpeg build")
        }
        let format = handles.format!
        guard let stream = avformat_new_stream(format, nil), let codec = avcodec_alloc_context3(encoder) else {
            throw VideoError.cannotWrite(path: path, reason: ffmpegErrorText(zae_averror(ENOMEM)))
        }
        handles.codec = codec
        let pixelFormat = Self.pixelFormat(for: encoder)
        codec.pointee.width = Int32(width)
        codec.pointee.height = Int32(height)
        codec.pointee.pix_fmt = pixelFormat
        codec.pointee.time_base = timeBase
        if container.pointee.flags & AVFMT_GLOBALHEADER != 0 { codec.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER }
        configure(codec)
        try check(avcodec_open2(codec, encoder, nil)) { .unsupported(path: path, reason: "cannot open the \(encoderName) encoder: \($0)") }
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, codec)) { .cannotWrite(path: path, reason: $0) }
        stream.pointee.time_base = codec.pointee.time_base

        if inMemory {
            precondition(container.pointee.flags & AVFMT_NOFILE == 0, "the \(formatName!) muxer writes its own files, not into memory")
            handles.inMemory = true
            try check(avio_open_dyn_buf(&format.pointee.pb)) { .cannotWrite(path: path, reason: $0) }
        } else if container.pointee.flags & AVFMT_NOFILE == 0 {
            try check(avio_open(&format.pointee.pb, temporaryPath, AVIO_FLAG_WRITE)) { .cannotWrite(path: path, reason: $0) }
        }
        var dictionary: OpaquePointer?
        defer { av_dict_free(&dictionary) }
        for (key, value) in muxerOptions { av_dict_set(&dictionary, key, value, 0) }
        try check(avformat_write_header(format, &dictionary)) { .cannotWrite(path: path, reason: $0) }

        handles.scaler = sws_getContext(Int32(width), Int32(height), AV_PIX_FMT_GRAY8, Int32(width), Int32(height),
                                        pixelFormat, SWS_BICUBIC, nil, nil, nil)
        guard let frame = handles.frame, handles.packet != nil, handles.scaler != nil else {
            throw VideoError.cannotWrite(path: path, reason: "cannot set up gray conversion to \(String(cString: av_get_pix_fmt_name(pixelFormat)))")
        }
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        frame.pointee.format = pixelFormat.rawValue
        try check(av_frame_get_buffer(frame, 0)) { .cannotWrite(path: path, reason: $0) }
    }

    /// Encodes one frame of `width * height` gray pixels with presentation time `timestamp`
    /// (in the time base given at creation).
    func append(_ pixels: UnsafeBufferPointer<UInt8>, timestamp: Int64) throws {
        precondition(!finished, "\(path): frame appended after finish()")
        precondition(pixels.count == width * height, "\(path): a \(width)x\(height) frame needs \(width * height) pixels, got \(pixels.count)")
        let frame = handles.frame!, codec = handles.codec!
        try check(av_frame_make_writable(frame)) { .cannotWrite(path: path, reason: $0) }
        try check(zae_sws_scale_from_plane(handles.scaler, pixels.baseAddress, Int32(width), Int32(height), frame)) {
            .cannotWrite(path: path, reason: "gray conversion failed: \($0)")
        }
        frame.pointee.pts = timestamp
        frame.pointee.quality = codec.pointee.global_quality  // what the ffmpeg CLI does for -q:v
        try check(avcodec_send_frame(codec, frame)) { .cannotWrite(path: path, reason: "encoding failed: \($0)") }
        try writePackets()
    }

    /// Flushes the encoder, completes the container and moves the file into place (or, in memory,
    /// into `encoded`).
    func finish() throws {
        guard !finished else { return }
        let format = handles.format!
        try check(avcodec_send_frame(handles.codec, nil)) { .cannotWrite(path: path, reason: "encoding failed: \($0)") }
        try writePackets()
        try check(av_write_trailer(format)) { .cannotWrite(path: path, reason: $0) }
        if inMemory {
            encoded = handles.takeMemory()
            finished = true
            return
        }
        if format.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
            try check(avio_closep(&format.pointee.pb)) { .cannotWrite(path: path, reason: $0) }
        }
        guard rename(temporaryPath, path) == 0 else {
            throw VideoError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        finished = true
    }

    /// Moves every packet the encoder has ready into the container.
    private func writePackets() throws {
        let codec = handles.codec!, packet = handles.packet!, format = handles.format!
        let stream = format.pointee.streams[0]!
        while true {
            let received = avcodec_receive_packet(codec, packet)
            if received == zae_averror(EAGAIN) || received == zae_averror_eof() { return }
            try check(received) { .cannotWrite(path: path, reason: "encoding failed: \($0)") }
            av_packet_rescale_ts(packet, codec.pointee.time_base, stream.pointee.time_base)
            packet.pointee.stream_index = stream.pointee.index
            try check(av_interleaved_write_frame(format, packet)) { .cannotWrite(path: path, reason: $0) }
        }
    }

    deinit {
        if !finished && !inMemory {
            if let format = handles.format, format.pointee.oformat.pointee.flags & AVFMT_NOFILE == 0 {
                avio_closep(&format.pointee.pb)
            }
            unlink(temporaryPath)
        }
    }

    /// Gray when the encoder takes it, else yuv420p when it does, else its first pixel format.
    private static func pixelFormat(for encoder: UnsafePointer<AVCodec>) -> AVPixelFormat {
        guard var entry = encoder.pointee.pix_fmts else { return AV_PIX_FMT_GRAY8 }
        var supported: [AVPixelFormat] = []
        while entry.pointee != AV_PIX_FMT_NONE {
            supported.append(entry.pointee)
            entry += 1
        }
        return [AV_PIX_FMT_GRAY8, AV_PIX_FMT_YUV420P].first(where: supported.contains) ?? supported.first ?? AV_PIX_FMT_GRAY8
    }
}

/// The FFmpeg objects one `GrayEncodingMuxer` owns, freed together when it goes away.
private final class EncodingHandles {
    var format: UnsafeMutablePointer<AVFormatContext>?
    var codec: UnsafeMutablePointer<AVCodecContext>?
    var scaler: OpaquePointer?
    var frame: UnsafeMutablePointer<AVFrame>? = av_frame_alloc()
    var packet: UnsafeMutablePointer<AVPacket>? = av_packet_alloc()
    /// Whether `format`'s I/O is a dynamic buffer (freed here when nobody took it).
    var inMemory = false

    /// The dynamic buffer's bytes; the buffer is closed and freed.
    func takeMemory() -> Data {
        var buffer: UnsafeMutablePointer<UInt8>?
        let size = avio_close_dyn_buf(format!.pointee.pb, &buffer)
        format!.pointee.pb = nil
        inMemory = false
        defer { av_free(buffer) }
        return buffer.map { Data(bytes: $0, count: Int(size)) } ?? Data()
    }

    deinit {
        if inMemory, format?.pointee.pb != nil { _ = takeMemory() }
        av_packet_free(&packet)
        av_frame_free(&frame)
        sws_freeContext(scaler)
        avcodec_free_context(&codec)
        avformat_free_context(format)
    }
}
