import Foundation
import Testing
@testable import Support

@Suite("Stage time and peak memory")
struct StepMeterTests {
    @Test("each stage's peak is its own: a stage that touched 400 MB records it, the next small one does not")
    func perStagePeaks() throws {
        guard ResidentMemory.currentBytes() != nil else {
            print("skipped: no /proc/self/status here")
            return
        }
        let meter = StepMeter()
        let size = 400_000_000
        let touched = meter.measure("large") { () -> Int in
            var buffer = [UInt8](repeating: 1, count: size)
            buffer[size - 1] = 2
            return Int(buffer[size / 2]) + Int(buffer[size - 1])
        }
        #expect(touched == 3)
        meter.measure("small") { _ = [Float](repeating: 1, count: 1000) }
        let steps = meter.steps
        #expect(steps.map(\.step) == ["large", "small"])
        let large = try #require(steps[0].peakResidentBytes), small = try #require(steps[1].peakResidentBytes)
        #expect(large >= size)
        #expect(small < large - size / 2, "small step \(small) bytes, large \(large)")
        #expect(steps[0].summary.hasPrefix("large: ") && steps[0].summary.contains("resident"))
    }
}
