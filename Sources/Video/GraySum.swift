/// Sums of 8-bit gray pixel values, the checksum `probe` reports and tests compare with the CLI.
public enum GraySum {
    /// The sum of all bytes in `pixels`.
    public static func of(_ pixels: some Collection<UInt8>) -> Int {
        pixels.withContiguousStorageIfAvailable(sum) ?? pixels.reduce(0) { $0 + Int($1) }
    }

    /// Adds 8 bytes at a time: each step splits a 64-bit word into its even and odd bytes, four
    /// 16-bit lanes each, and flushes the lanes before they can overflow. Fast even in debug builds.
    private static func sum(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        let words = raw.count / 8
        let mask: UInt64 = 0x00FF_00FF_00FF_00FF
        var total = 0
        var start = 0
        while start < words {
            let end = min(words, start + 128)  // 128 x 2 x 255 fits a 16-bit lane
            var lanes: UInt64 = 0
            for index in start..<end {
                let word = raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                lanes &+= (word & mask) &+ ((word >> 8) & mask)
            }
            total += Int((lanes & 0xFFFF) + ((lanes >> 16) & 0xFFFF) + ((lanes >> 32) & 0xFFFF) + (lanes >> 48))
            start = end
        }
        for index in (words * 8)..<raw.count { total += Int(raw[index]) }
        return total
    }
}
