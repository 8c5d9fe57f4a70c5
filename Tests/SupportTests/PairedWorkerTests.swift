import Foundation
import Support
import Testing

@Suite struct PairedWorkerTests {
    /// Many short rounds, each part adding to its own slot: every round runs both parts exactly
    /// once and returns only after both (the caller reads the helper's slot right after `run`).
    @Test func everyRoundRunsBothPartsAndWaitsForThem() {
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        slots.initialize(repeating: 0, count: 2)
        defer { slots.deallocate() }
        nonisolated(unsafe) let shared = slots
        let pair = PairedWorker()
        let round: @Sendable (Int) -> Void = { part in
            var s = 0
            for i in 0..<(part == 1 ? 2_000 : 10) { s &+= i }   // part 1 the slower: the caller must wait
            shared[part] += s > 0 ? 1 : 0
        }
        for r in 1...2_000 {
            pair.run(round)
            #expect(slots[0] == r && slots[1] == r)
            if slots[0] != r || slots[1] != r { break }
        }
    }

    /// Rounds far apart (the helper has gone to sleep in between) still run both parts.
    @Test func roundsAfterTheHelperSleptStillRun() {
        let pair = PairedWorker()
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        counts.initialize(repeating: 0, count: 2)
        defer { counts.deallocate() }
        nonisolated(unsafe) let shared = counts
        let round: @Sendable (Int) -> Void = { part in shared[part] += 1 }
        for r in 1...3 {
            Thread.sleep(forTimeInterval: 0.02)
            pair.run(round)
            #expect(counts[0] == r && counts[1] == r)
        }
    }
}
