import Foundation
import Testing
@testable import Support

@Suite("Fingerprint (FNV-1a over bytes, a 0xFF separator after each part)")
struct FingerprintTests {
    /// Values from an independent FNV-1a 64 (Python: h = (h ^ b) * 0x100000001b3 mod 2^64 from
    /// 0xcbf29ce484222325) over each part followed by the separator byte 0xFF.
    @Test("published-algorithm values for a string, an array, Data and a sequence without contiguous storage")
    func knownValues() {
        func print(_ body: (inout Fingerprint) -> Void) -> String {
            var fingerprint = Fingerprint()
            body(&fingerprint)
            return "\(fingerprint)"
        }
        #expect(print { $0.combine("a") } == "089bc907b544c769")
        #expect(print { $0.combine("foobar") } == "34524ba7168a2c15")
        let bytes = (0..<4).flatMap { _ in (0...255).map(UInt8.init) }
        #expect(print { $0.combine(bytes) } == "fb95ca875da80f6e")
        #expect(print { $0.combine(Data(bytes)) } == "fb95ca875da80f6e")
        #expect(print { $0.combine(bytes.lazy.map { $0 }) } == "fb95ca875da80f6e")
        // Data sliced off its start (a non-zero start index) hashes its own bytes only.
        #expect(print { $0.combine(Data([9, 9] + bytes).dropFirst(2)) } == "fb95ca875da80f6e")
        #expect(print { $0.combine("ab"); $0.combine("c") } != print { $0.combine("a"); $0.combine("bc") })
    }
}
