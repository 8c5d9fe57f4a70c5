import Foundation

extension JSONEncoder {
    /// An encoder for files people read and diff: pretty-printed, keys sorted, slashes unescaped.
    public static func readable() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
