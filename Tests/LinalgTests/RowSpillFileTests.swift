import Foundation
import Testing
@testable import Linalg

@Suite("Rows spilled to disk")
struct RowSpillFileTests {
    @Test("rows appended from parallel workers read back exactly; the file is never visible in its folder")
    func roundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zae-spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spill = try RowSpillFile(in: folder, dimension: 7)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        var rng = SeededRandom(seed: 2)
        let parts = (0..<12).map { rng.normalMatrix(rows: 1 + $0 * 3, cols: 7) }
        let ranges = ResultSlots<Range<Int>>(count: parts.count)
        ParallelWork.forEach(parts.count, work: { i, _ in ranges[i] = try? spill.append(parts[i]) })
        #expect(spill.rowCount == parts.reduce(0) { $0 + $1.rows })
        // In part order, as if concatenated.
        let order = ranges.values.compactMap { $0 }.flatMap { Array($0) }
        var whole = Matrix(rows: 0, cols: 7)
        for part in parts { whole.appendRows(part) }
        var back = Matrix(rows: order.count, cols: 7)
        try back.storage.withUnsafeMutableBufferPointer { b in
            try SelectedRows(spill, indices: order).forEachBatch { rows, count in
                #expect(count == order.count)
                b.baseAddress!.update(from: rows, count: count * 7)
            }
        }
        #expect(back == whole)
        #expect(throws: AtomicFile.Failure.self) {
            var row = [Float](repeating: 0, count: 7)
            try spill.copyRow(order.count, into: &row)
        }
    }
}

@Suite("Stage time and peak memory")
struct StageMeterTests {
    @Test("each stage's peak is its own: a stage that touched 400 MB records it, the next small one does not")
    func perStagePeaks() throws {
        guard ResidentMemory.currentBytes() != nil else {
            print("skipped: no /proc/self/status here")
            return
        }
        let meter = StageMeter()
        let size = 400_000_000
        let touched = meter.measure("large") { () -> Int in
            var buffer = [UInt8](repeating: 1, count: size)
            buffer[size - 1] = 2
            return Int(buffer[size / 2]) + Int(buffer[size - 1])
        }
        #expect(touched == 3)
        meter.measure("small") { _ = [Float](repeating: 1, count: 1000) }
        let stages = meter.stages
        #expect(stages.map(\.stage) == ["large", "small"])
        let large = try #require(stages[0].peakResidentBytes), small = try #require(stages[1].peakResidentBytes)
        #expect(large >= size)
        #expect(small < large - size / 2, "small stage \(small) bytes, large \(large)")
        #expect(stages[0].summary.hasPrefix("large: ") && stages[0].summary.contains("resident"))
    }
}
