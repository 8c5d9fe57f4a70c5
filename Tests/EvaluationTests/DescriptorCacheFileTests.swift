import Foundation
import Linalg
import Recognition
import Testing
import TestSupport
@testable import Evaluation

/// The descriptor cache's format 2: half-precision descriptors, exact magnitudes and centres,
/// readable by numpy, and nothing else read as it.
@Suite struct DescriptorCacheFileTests {
    func clip() -> DescribedClip {
        var random = SeededRandom(seed: 4)
        let descriptors = random.normalMatrix(rows: 7, cols: 10, scale: 3)
        let magnitudes = (0..<7).map { _ in 1e5 * random.uniform() }
        let positions = (0..<7).map { _ in RelativePosition(t: random.uniform(), y: random.uniform(), x: random.uniform()) }
        return DescribedClip(clip: ClipDescriptors(descriptors: descriptors, magnitudes: magnitudes), positions: positions)
    }

    @Test func roundTripRoundsOnlyTheDescriptorsToHalfPrecision() throws {
        let original = clip()
        let folder = try ScratchFolder("cache-format").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("clip.npy")
        try DescriptorCacheFile.write(original, to: file)
        guard case let .valid(read) = DescriptorCacheFile.read(file, dimension: 10) else { Issue.record("not read back"); return }
        #expect(read.clip.magnitudes == original.clip.magnitudes && read.positions == original.positions)
        for (a, b) in zip(read.clip.descriptors.storage, original.clip.descriptors.storage) {
            #expect(a == Float(Float16(b)) && abs(a - b) <= abs(b) * 0x1p-11)
        }
        // 10 + header (a multiple of 64) + 7 records of 2 * 10 + 16 bytes.
        let size = try Data(contentsOf: file).count
        #expect((size - 7 * 36) % 64 == 0)
        if case .invalid = DescriptorCacheFile.read(file, dimension: 12) {} else { Issue.record("another dimension must be refused") }
    }

    @Test func aFormatOneFileIsInvalidNotMisread() throws {
        let folder = try ScratchFolder("cache-format-1").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("clip.npy")
        var random = SeededRandom(seed: 1)
        try CheckedArrayFile.write(random.normalMatrix(rows: 7, cols: 14), to: file)
        guard case let .invalid(reason) = DescriptorCacheFile.read(file) else { Issue.record("a float32 matrix was read as format 2"); return }
        #expect(reason.contains("not a descriptor cache file of format 2"), "\(reason)")
    }

    @Test(.enabled(if: Numpy.isAvailable)) func numpyReadsTheRecords() throws {
        let original = clip()
        let folder = try ScratchFolder("cache-format-numpy").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("clip.npy")
        try DescriptorCacheFile.write(original, to: file)
        let printed = try Numpy.run("""
            import sys, numpy as np
            a = np.load(sys.argv[1])
            print(a.shape[0], a['descriptor'].shape[1], repr(float(a['descriptor'][2, 3])), repr(float(a['magnitude'][6])), repr(float(a['centre'][4, 2])))
            """, arguments: [file.path])
        let expected = "7 10 \(Double(Float16(original.clip.descriptors[2, 3]))) \(Double(original.clip.magnitudes[6])) \(Double(original.positions[4].x))"
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == expected)
    }
}
