import Foundation
import Linalg
import Testing
import TestSupport
import Video
@testable import Recognition

@Suite struct ClipFeatureFileTests {
    @Test func roundTripsWithPositions() throws {
        let scratch = try ScratchFolder("features")
        defer { scratch.remove() }
        let url = scratch.path("sub/clip.npy")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let contents = ClipFeatureFile.Contents(features: Matrix(rowArrays: [[1, 2], [3, -4.5]]), positions: Matrix(rowArrays: [[6.5, 9.5, 9.5], [6.5, 9.5, 29.5]]))
        try ClipFeatureFile.write(contents, to: url)
        #expect(ClipFeatureFile.positionsURL(of: url).lastPathComponent == "clip.positions.npy")
        #expect(try ClipFeatureFile.read(url, width: 2, requirePositions: true) == contents)
        try ClipFeatureFile.write(.init(features: contents.features, positions: nil), to: url)
        #expect(try ClipFeatureFile.read(url).positions == nil)
    }

    @Test func readsArraysWrittenByNumpy() throws {
        try #require(Numpy.isAvailable, "python3 with numpy is needed")
        let scratch = try ScratchFolder("features")
        defer { scratch.remove() }
        _ = try Numpy.run("""
        import numpy as np, sys
        np.save(sys.argv[1] + '/a.npy', np.arange(12, dtype=np.float64).reshape(3, 4) / 8)
        np.save(sys.argv[1] + '/a.positions.npy', np.array([[0, 1, 2], [3, 4, 5], [6, 7, 8]], dtype=np.float32))
        """, arguments: [scratch.url.path])
        let read = try ClipFeatureFile.read(scratch.path("a.npy"), width: 4, requirePositions: true)
        #expect(read.features == Matrix(rows: 3, cols: 4, storage: (0..<12).map { Float($0) / 8 }))
        #expect(read.positions?.storage == (0..<9).map(Float.init))
    }

    @Test func refusesBadArraysNamingTheFile() throws {
        let scratch = try ScratchFolder("features")
        defer { scratch.remove() }
        let url = scratch.path("c.npy")
        func failure(width: Int? = nil, positions: Bool = false) -> String {
            do { _ = try ClipFeatureFile.read(url, width: width, requirePositions: positions); return "" } catch { return error.description }
        }
        #expect(failure() == "\(url.path): missing")
        try NPYArray(Matrix(rowArrays: [[1, 2, 3]])).write(to: url)
        #expect(failure(width: 4) == "\(url.path): 3 values per row where 4 are expected")
        #expect(failure(positions: true).hasPrefix("\(scratch.path("c.positions.npy").path): missing"))
        try NPYArray(Matrix(rows: 0, cols: 3)).write(to: url)
        #expect(failure().contains("empty (shape [0, 3])"))
        try NPYArray(Matrix(rowArrays: [[1, .nan, 3]])).write(to: url)
        #expect(failure().hasPrefix("\(url.path): holds a non-finite value"))
        try NPYArray([1, 2, 3] as [Float]).write(to: url)
        #expect(failure() == "\(url.path): shape [3]; features must be a 2-D [rows, values] array")
        try NPYArray(Matrix(rowArrays: [[1, 2, 3]])).write(to: url)
        try NPYArray(Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])).write(to: ClipFeatureFile.positionsURL(of: url))
        #expect(failure().contains("shape [2, 3] where [1, 3]"))
    }

    @Test func centresMapToTheSourcePixels() throws {
        // A 101 x 70 stream at half size is 50 x 35, cropped to 48 x 32: crop offsets x 1, y 1.
        let shape = FrameShape(scale: .half, cropMultiple: 16)
        let layout = shape.layout(width: 101, height: 70)
        #expect((layout.cropX, layout.cropY, layout.width, layout.height) == (1, 1, 48, 32))
        let source = SourceGeometry(width: 101, height: 70, shape: shape, layout: layout)
        let centres = SuperBlockGrid.standard.sourceCentres(of: [BlockPosition(t: 0, y: 0, x: 0), BlockPosition(t: 7, y: 10, x: 20)], in: source)
        // Super-block 14 x 20 x 20: centre (6.5, 9.5, 9.5) in the volume; y, x -> 2 (c + 1) + 0.5.
        #expect(centres.storage == [6.5, 21.5, 21.5, 13.5, 41.5, 61.5])
        // The centre column of the first super-block is the mean of the stream columns it covers (2...41).
        #expect(Double(centres[0, 2]) == Double((2...41).reduce(0, +)) / 40)
        let native = SourceGeometry(width: 64, height: 48, shape: .native, layout: FrameShape.native.layout(width: 64, height: 48))
        #expect(SuperBlockGrid.standard.sourceCentres(of: [BlockPosition(t: 0, y: 10, x: 0)], in: native).storage == [6.5, 19.5, 9.5])
    }
}
