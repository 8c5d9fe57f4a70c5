import Foundation

extension JSONEncoder {
    /// An encoder for files people read and diff: pretty-printed, keys sorted, slashes unescaped.
    public static func readable() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// An encoder whose output depends only on the value (keys sorted, no whitespace): for comparing
    /// and fingerprinting settings.
    public static func canonical() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
