import Datasets
import Testing
@testable import Recognition

@Suite struct SuperBlockGridTests {
    @Test func countsFollowTheFormula() {
        let grid = SuperBlockGrid.standard
        // t: (30 - 14) / 7 + 1 = 3, y: (40 - 20) / 10 + 1 = 3, x: (50 - 20) / 10 + 1 = 4.
        #expect(grid.superBlockCount(frameCount: 30, height: 40, width: 50) == 36)
        let origins = grid.superBlockOrigins(frameCount: 30, height: 40, width: 50)
        #expect(origins.count == 36)
        #expect(origins.first == BlockPosition(t: 0, y: 0, x: 0))
        #expect(origins[1] == BlockPosition(t: 0, y: 0, x: 10))
        #expect(origins[4] == BlockPosition(t: 0, y: 10, x: 0))
        #expect(origins.last == BlockPosition(t: 14, y: 20, x: 30))
        // A Hollywood2-sized clip: 250 frames of 144 x 360.
        #expect(grid.superBlockCount(frameCount: 250, height: 144, width: 360) == 34 * 13 * 35)
    }

    @Test func subBlocksAreThePapers() {
        let grid = SuperBlockGrid.standard
        #expect(grid.subBlocksPerSuperBlock == 8)
        #expect(grid.subBlock == BlockShape(frames: 10, height: 16, width: 16))
        let expected = [(0, 0, 0), (0, 0, 4), (0, 4, 0), (0, 4, 4), (4, 0, 0), (4, 0, 4), (4, 4, 0), (4, 4, 4)]
            .map { BlockPosition(t: $0.0, y: $0.1, x: $0.2) }
        #expect(grid.subBlockOffsets == expected)
    }

    @Test func tooSmallOrShortGivesNone() {
        let grid = SuperBlockGrid.standard
        #expect(grid.superBlockCount(frameCount: 13, height: 100, width: 100) == 0)
        #expect(grid.superBlockCount(frameCount: 100, height: 19, width: 100) == 0)
        #expect(grid.superBlockOrigins(frameCount: 100, height: 100, width: 19).isEmpty)
        #expect(grid.superBlockCount(frameCount: 14, height: 20, width: 20) == 1)
    }

    @Test func refusesInvalidGrids() {
        #expect(throws: RecognitionError.self) {
            try SuperBlockGrid(subBlock: BlockShape(frames: 15, height: 16, width: 16))
        }
        #expect(throws: RecognitionError.self) {
            try SuperBlockGrid(stride: BlockShape(frames: 0, height: 10, width: 10))
        }
    }
}
