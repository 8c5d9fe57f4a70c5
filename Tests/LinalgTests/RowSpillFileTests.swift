import Foundation
import Support
import TestSupport
import Testing
@testable import Linalg

@Suite("Rows spilled to disk")
struct RowSpillFileTests {
    @Test("rows appended from parallel workers read back exactly; the file is never visible in its folder")
    func roundTrip() throws {
        let scratch = try ScratchFolder("spill")
        defer { scratch.remove() }
        let folder = scratch.url
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
        #expect(throws: SupportError.self) {
            var row = [Float](repeating: 0, count: 7)
            try spill.copyRow(order.count, into: &row)
        }
    }
}
