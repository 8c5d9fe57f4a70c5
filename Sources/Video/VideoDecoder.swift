import CFFmpeg
import Foundation

/// Decodes the video stream of any file FFmpeg reads into 8-bit gray frames, frame-exact: every
/// packet goes to the decoder and the decoder is drained at the end, with no frame-rate resampling,
/// so the frames are exactly those `ffmpeg -i FILE -fps_mode passthrough -pix_fmt gray -f rawvideo -`
/// prints, with the same pixel values at native size.
///
/// It streams: one frame at a time comes out of `readFrame(into:)` or `nextFrame()`, so memory
/// stays bounded whatever the file's length. When the stream turns out truncated or corrupt, the
/// frames that decoded are delivered first, then the call that reaches the end throws
/// `VideoError.damagedStream` (unless `Options.acceptsDamagedStream`). Damage is what FFmpeg
/// itself detects: a read error before the end of the file (MP4 "partial file"), a packet the
/// demuxer flags as cut short (a truncated AVI chunk), or a packet the decoder rejects. A file cut
/// exactly between two packets of a container that records no length is indistinguishable from a
/// shorter file and decodes cleanly.
///
/// Not thread-safe: use one decoder from one task at a time.
public final class VideoDecoder {
    /// How to decode.
    public struct Options: Sendable, Equatable {
        /// Size and crop of the delivered frames.
        public var shape: FrameShape
        /// Decoder threads: 1 decodes on the calling thread, 0 lets FFmpeg choose (frame and slice
        /// threads, one per core). The default is 1: the cheapest for small clips and for callers
        /// that decode several clips in parallel; 0 roughly doubles h264 throughput on an idle
        /// 2-core machine and does nothing for codecs without threading (msmpeg4, cinepak).
        public var threadCount: Int
        /// When true, a truncated or corrupt stream ends like a clean one instead of throwing.
        public var acceptsDamagedStream: Bool

        /// Options with the given fields; the defaults give native-size frames on one thread.
        public init(shape: FrameShape = .native, threadCount: Int = 1, acceptsDamagedStream: Bool = false) {
            precondition(threadCount >= 0, "thread count must be 0 (automatic) or positive, got \(threadCount)")
            self.shape = shape
            self.threadCount = threadCount
            self.acceptsDamagedStream = acceptsDamagedStream
        }
    }

    /// The file being decoded.
    public let path: String
    /// FFmpeg's short name of the stream's codec, such as `h264` or `mpeg4`.
    public let codecName: String
    /// Native frame width of the stream.
    public let width: Int
    /// Native frame height of the stream.
    public let height: Int
    /// The stream's average frame rate (`avg_frame_rate`), or 0 where the container does not say.
    public let averageFrameRate: Double
    /// The stream's base frame rate (`r_frame_rate`), or 0 where the container does not say.
    public let baseFrameRate: Double
    /// Where delivered frames come from and how large they are.
    public let layout: FrameLayout
    /// The options this decoder was opened with.
    public let options: Options
    /// Frames delivered so far.
    public private(set) var framesDecoded = 0

    private let handles = DecodingHandles()
    private let streamIndex: Int32
    private let scaledStride: Int
    private var scalerInput: (format: Int32, fullRange: Bool)?
    private var phase = Phase.reading
    private var damage: String?

    private enum Phase { case reading, draining, finished }

    /// Opens `path` and its best video stream. Throws `VideoError` naming the file and the problem
    /// when it is missing, empty, not a media file, without a video stream, or not decodable here.
    public init(path: String, options: Options = Options()) throws {
        FFmpegLogging.silence()
        self.path = path
        self.options = options
        try Self.checkReadableFile(path)

        try check(avformat_open_input(&handles.format, path, nil, nil)) { .notAVideoFile(path: path, reason: $0) }
        let format = handles.format!
        try check(avformat_find_stream_info(format, nil)) { .notAVideoFile(path: path, reason: $0) }

        let index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nil, 0)
        guard index >= 0, let stream = format.pointee.streams[Int(index)],
              stream.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC == 0 else {
            throw VideoError.noVideoStream(path: path, streamKinds: Self.streamKinds(of: format))
        }
        streamIndex = index
        let parameters = stream.pointee.codecpar!
        let codecName = String(cString: avcodec_get_name(parameters.pointee.codec_id))
        self.codecName = codecName
        guard let decoder = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw VideoError.unsupported(path: path, reason: "no decoder for codec \(codecName) in this FFmpeg build")
        }
        guard let codec = avcodec_alloc_context3(decoder) else {
            throw VideoError.ffmpeg(path: path, operation: "allocate a decoder", reason: ffmpegErrorText(zae_averror(ENOMEM)))
        }
        handles.codec = codec
        try check(avcodec_parameters_to_context(codec, parameters)) {
            .ffmpeg(path: path, operation: "configure the \(codecName) decoder", reason: $0)
        }
        codec.pointee.pkt_timebase = stream.pointee.time_base
        codec.pointee.thread_count = Int32(options.threadCount)
        try check(avcodec_open2(codec, decoder, nil)) {
            .unsupported(path: path, reason: "cannot open the \(codecName) decoder: \($0)")
        }

        width = Int(codec.pointee.width)
        height = Int(codec.pointee.height)
        averageFrameRate = Self.rate(stream.pointee.avg_frame_rate)
        baseFrameRate = Self.rate(stream.pointee.r_frame_rate)
        guard width > 0, height > 0 else {
            throw VideoError.unsupported(path: path, reason: "the \(codecName) stream does not give a frame size")
        }
        layout = options.shape.layout(width: width, height: height)
        guard layout.width > 0, layout.height > 0 else {
            throw VideoError.unsupported(path: path, reason: "\(width)x\(height) frames leave nothing after scaling and cropping to multiples of \(options.shape.cropMultiple)")
        }
        scaledStride = (layout.scaledWidth + 63) & ~63
        handles.scaled = av_malloc(scaledStride * layout.scaledHeight)?.assumingMemoryBound(to: UInt8.self)
        guard handles.packet != nil, handles.frame != nil, handles.scaled != nil else {
            throw VideoError.ffmpeg(path: path, operation: "allocate decoding buffers", reason: ffmpegErrorText(zae_averror(ENOMEM)))
        }
    }

    /// Decodes the next frame into `pixels` (resized to `layout.width * layout.height`, row-major,
    /// reusing its storage) and returns true, or returns false at the end of a clean stream.
    /// Throws `VideoError.damagedStream` at the end of a truncated or corrupt one.
    public func readFrame(into pixels: inout [UInt8]) throws -> Bool {
        let codec = handles.codec!, frame = handles.frame!
        while phase != .finished {
            let received = avcodec_receive_frame(codec, frame)
            if received >= 0 {
                defer { av_frame_unref(frame) }
                try deliver(frame, into: &pixels)
                framesDecoded += 1
                return true
            }
            if received == zae_averror_eof() {
                phase = .finished
            } else if received != zae_averror(EAGAIN) {
                noteDamage("decoding failed: \(ffmpegErrorText(received))")
                if phase == .reading { feedPacket() }
            } else if phase == .draining {
                phase = .finished
            } else {
                feedPacket()
            }
        }
        if let damage, !options.acceptsDamagedStream {
            throw VideoError.damagedStream(path: path, framesDecoded: framesDecoded, reason: damage)
        }
        return false
    }

    /// The next frame as a new `GrayFrame`, or nil at the end of a clean stream. Allocates per
    /// frame: loops that care use `readFrame(into:)`.
    public func nextFrame() throws -> GrayFrame? {
        var pixels: [UInt8] = []
        guard try readFrame(into: &pixels) else { return nil }
        return GrayFrame(width: layout.width, height: layout.height, pixels: pixels)
    }

    /// Sends the next packet of the video stream to the decoder, or starts draining at the end.
    private func feedPacket() {
        let format = handles.format!, codec = handles.codec!, packet = handles.packet!
        while true {
            let read = av_read_frame(format, packet)
            if read < 0 {
                if read != zae_averror_eof() { noteDamage("reading stopped early: \(ffmpegErrorText(read))") }
                avcodec_send_packet(codec, nil)
                phase = .draining
                return
            }
            defer { av_packet_unref(packet) }
            // Zero-size packets carry nothing, and sending one would mean "end of stream".
            guard packet.pointee.stream_index == streamIndex, packet.pointee.size > 0 else { continue }
            if packet.pointee.flags & AV_PKT_FLAG_CORRUPT != 0 { noteDamage("a packet is cut short or corrupt") }
            let sent = avcodec_send_packet(codec, packet)
            if sent < 0 { noteDamage("decoding failed: \(ffmpegErrorText(sent))") }
            return
        }
    }

    /// Converts the decoded `frame` to gray at the scaled size and copies the crop window to `pixels`.
    private func deliver(_ frame: UnsafeMutablePointer<AVFrame>, into pixels: inout [UInt8]) throws {
        guard Int(frame.pointee.width) == width, Int(frame.pointee.height) == height else {
            throw VideoError.unsupported(path: path, reason: "the frame size changes mid-stream from \(width)x\(height) to \(frame.pointee.width)x\(frame.pointee.height)")
        }
        let scaler = try scaler(for: frame)
        let scaled = handles.scaled!
        try check(zae_sws_scale_to_plane(scaler, frame, scaled, Int32(scaledStride))) {
            .ffmpeg(path: path, operation: "convert a frame to gray", reason: $0)
        }
        let rowBytes = layout.width
        if pixels.count != rowBytes * layout.height { pixels = [UInt8](repeating: 0, count: rowBytes * layout.height) }
        pixels.withUnsafeMutableBytes { output in
            for row in 0..<layout.height {
                let source = scaled + (layout.cropY + row) * scaledStride + layout.cropX
                (output.baseAddress! + row * rowBytes).copyMemory(from: source, byteCount: rowBytes)
            }
        }
    }

    /// The swscale context for frames like `frame`, made anew only when the decoder's pixel format
    /// or colour range changes. It converts as the ffmpeg CLI's auto-inserted scale filter does:
    /// bicubic flags, source range taken from the frame when it says full (JPEG) range.
    private func scaler(for frame: UnsafeMutablePointer<AVFrame>) throws -> OpaquePointer {
        let format = frame.pointee.format
        let fullRange = frame.pointee.color_range == AVCOL_RANGE_JPEG
        if let scaler = handles.scaler, let input = scalerInput, input == (format, fullRange) { return scaler }
        sws_freeContext(handles.scaler)
        handles.scaler = nil
        let flags = options.shape.scale == .native ? SWS_BICUBIC : SWS_AREA
        guard let scaler = sws_getContext(Int32(width), Int32(height), AVPixelFormat(format),
                                          Int32(layout.scaledWidth), Int32(layout.scaledHeight), AV_PIX_FMT_GRAY8,
                                          flags, nil, nil, nil) else {
            let name = av_get_pix_fmt_name(AVPixelFormat(format)).map { String(cString: $0) } ?? "format \(format)"
            throw VideoError.unsupported(path: path, reason: "cannot convert \(name) frames to gray")
        }
        handles.scaler = scaler
        scalerInput = (format, fullRange)
        if fullRange { Self.setSourceFullRange(scaler) }
        return scaler
    }

    private func noteDamage(_ reason: String) {
        if damage == nil { damage = reason }
    }

    private static func setSourceFullRange(_ scaler: OpaquePointer) {
        var inverseTable: UnsafeMutablePointer<Int32>?, table: UnsafeMutablePointer<Int32>?
        var sourceRange: Int32 = 0, destinationRange: Int32 = 0
        var brightness: Int32 = 0, contrast: Int32 = 0, saturation: Int32 = 0
        sws_getColorspaceDetails(scaler, &inverseTable, &sourceRange, &table, &destinationRange,
                                 &brightness, &contrast, &saturation)
        sws_setColorspaceDetails(scaler, inverseTable, 1, table, destinationRange, brightness, contrast, saturation)
    }

    /// Throws the file-level errors before FFmpeg sees the path, each with its true cause: missing
    /// (or a symbolic link to nothing), a symbolic-link loop, no permission, a folder, something that
    /// is not a regular file (a FIFO would block FFmpeg until a writer comes), empty.
    private static func checkReadableFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT && lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                throw VideoError.unreadable(path: path, reason: "a symbolic link to \(target), which does not exist")
            }
            if code == ENOENT || code == ENOTDIR { throw VideoError.fileMissing(path: path) }
            throw VideoError.unreadable(path: path, reason: code == ELOOP ? "a loop of symbolic links" : String(cString: strerror(code)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw VideoError.notAVideoFile(path: path, reason: "it is a folder")
        case S_IFIFO: throw VideoError.notAVideoFile(path: path, reason: "it is a FIFO, a named pipe, not a regular file")
        case S_IFSOCK: throw VideoError.notAVideoFile(path: path, reason: "it is a socket, not a regular file")
        default: throw VideoError.notAVideoFile(path: path, reason: "it is a device, not a regular file")
        }
        if info.st_size == 0 { throw VideoError.emptyFile(path: path) }
        guard access(path, R_OK) == 0 else { throw VideoError.unreadable(path: path, reason: String(cString: strerror(errno))) }
    }

    private static func streamKinds(of format: UnsafeMutablePointer<AVFormatContext>) -> [String] {
        (0..<Int(format.pointee.nb_streams)).map { index in
            let stream = format.pointee.streams[index]!
            if stream.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0 { return "cover picture" }
            return av_get_media_type_string(stream.pointee.codecpar.pointee.codec_type).map { String(cString: $0) } ?? "unknown"
        }
    }

    private static func rate(_ rational: AVRational) -> Double {
        rational.den == 0 ? 0 : Double(rational.num) / Double(rational.den)
    }
}

/// The FFmpeg objects one `VideoDecoder` owns, freed together when it goes away (also when its
/// initialiser throws half-way).
private final class DecodingHandles {
    var format: UnsafeMutablePointer<AVFormatContext>?
    var codec: UnsafeMutablePointer<AVCodecContext>?
    var packet: UnsafeMutablePointer<AVPacket>? = av_packet_alloc()
    var frame: UnsafeMutablePointer<AVFrame>? = av_frame_alloc()
    var scaler: OpaquePointer?
    var scaled: UnsafeMutablePointer<UInt8>?

    deinit {
        sws_freeContext(scaler)
        av_free(scaled)
        av_frame_free(&frame)
        av_packet_free(&packet)
        avcodec_free_context(&codec)
        avformat_close_input(&format)
    }
}
