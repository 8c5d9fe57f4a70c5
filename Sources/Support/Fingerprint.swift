import Foundation

/// A 64-bit FNV-1a fingerprint of bytes, strings and files: what names a cached artifact, so that
/// a stage reruns exactly when one of its inputs or parameters changed, and what tells a training
/// checkpoint that it was made from the same data.
public struct Fingerprint: Sendable, Equatable, CustomStringConvertible {
    private(set) var state: UInt64 = 0xCBF2_9CE4_8422_2325

    /// An empty fingerprint.
    public init() {}

    /// Mixes in raw bytes.
    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        // Contiguous bytes (arrays, Data: cache files of megabytes) go through a pointer loop; the
        // generic iterator costs several times the hash itself.
        let done: Void? = bytes.withContiguousStorageIfAvailable { mix(UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in bytes { mix(byte) }
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        mix(0xFF)
    }

    /// One FNV-1a step per byte.
    private mutating func mix(_ bytes: UnsafeRawBufferPointer) {
        var state = self.state
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01B3
        }
        self.state = state
    }

    /// One FNV-1a step.
    private mutating func mix(_ byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01B3
    }

    /// Mixes in a string's UTF-8 bytes.
    public mutating func combine(_ text: String) { combine(Array(text.utf8)) }

    /// Mixes in a file's whole content.
    public mutating func combine(contentsOf url: URL) throws { combine(try Data(contentsOf: url)) }

    /// Mixes in the name and content of every file of `folder` (not its subfolders' files), by name,
    /// hidden files left out: what a model bundle's fingerprint is made of.
    public mutating func combine(filesIn folder: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".") {
            combine(name)
            try combine(contentsOf: folder.appendingPathComponent(name))
        }
    }

    /// Mixes in the canonical JSON of a value (keys sorted).
    public mutating func combine(json value: some Encodable) throws {
        combine(try JSONEncoder.canonical().encode(value))
    }

    /// The 64 bits (a seed derived from what was combined).
    public var value: UInt64 { state }

    /// Sixteen hex digits.
    public var description: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
