extension FrameVolume {
    /// Decodes the clip at `path` into a volume of gray values 0...255, by default as the pipeline
    /// wants it: half size, centre-cropped to multiples of 16, every frame at its native rate.
    /// `maxFrames` stops after that many frames (the rest of the file is not read). Throws
    /// `VideoError` for unreadable files, and for truncated or corrupt streams when decoding
    /// reaches the damage.
    public init(decoding path: String, shape: FrameShape = .pipeline, maxFrames: Int? = nil, threadCount: Int = 1) throws {
        self = try Self.decoding(path, shape: shape, maxFrames: maxFrames, threadCount: threadCount).volume
    }

    /// Decodes as `init(decoding:)` does and also returns where the volume's frames lie in the
    /// stream's (the scaled size and the crop window), to map volume coordinates back to the source.
    public static func decoding(_ path: String, shape: FrameShape = .pipeline, maxFrames: Int? = nil,
                                threadCount: Int = 1) throws -> (volume: FrameVolume, source: SourceGeometry) {
        precondition(maxFrames.map { $0 >= 0 } ?? true, "maxFrames must not be negative")
        let decoder = try VideoDecoder(path: path, options: .init(shape: shape, threadCount: threadCount))
        var voxels: [Float] = []
        var pixels: [UInt8] = []
        var values = [Float](repeating: 0, count: decoder.layout.width * decoder.layout.height)
        while decoder.framesDecoded < maxFrames ?? .max, try decoder.readFrame(into: &pixels) {
            pixels.withUnsafeBufferPointer { source in
                values.withUnsafeMutableBufferPointer { target in
                    for index in source.indices { target[index] = Float(source[index]) }
                }
            }
            voxels.append(contentsOf: values)
        }
        let volume = FrameVolume(frameCount: decoder.framesDecoded, height: decoder.layout.height, width: decoder.layout.width, voxels: voxels)
        return (volume, SourceGeometry(width: decoder.width, height: decoder.height, shape: shape, layout: decoder.layout))
    }
}
