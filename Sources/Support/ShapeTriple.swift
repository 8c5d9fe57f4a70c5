/// Three counts along a video's axes, frames, height and width (a block's pixels, a pyramid's cells),
/// written in JSON as the list `[frames, height, width]`: what settings, plans and reports hold.
/// Reading a list of another length, or counts the type refuses (its `init` throws), is a decoding
/// error at the value's path saying it must be 3 positive values.
public protocol ShapeTriple: Codable {
    /// Along time.
    var frames: Int { get }
    /// Along the height.
    var height: Int { get }
    /// Along the width.
    var width: Int { get }
    /// The triple of these counts (throws when the type refuses them).
    init(frames: Int, height: Int, width: Int) throws
}

extension ShapeTriple {
    /// The counts as a list, `[frames, height, width]`.
    public var values: [Int] { [frames, height, width] }

    /// The triple of the list `values`; nil unless it holds 3 counts the type accepts.
    public init?(values: [Int]) {
        guard values.count == 3, let triple = try? Self(frames: values[0], height: values[1], width: values[2]) else { return nil }
        self = triple
    }

    /// Reads `[frames, height, width]`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let triple = Self(values: try container.decode([Int].self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "it must be 3 positive values (frames, height, width)")
        }
        self = triple
    }

    /// Writes `[frames, height, width]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
