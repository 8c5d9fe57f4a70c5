import Foundation
import Testing
@testable import Datasets
import TestSupport

/// Three CIFAR-10 records: record r has label r + 1 and pixel i of plane c worth (r + c + i) % 256.
private func cifarRecords(_ count: Int = 3) -> [UInt8] {
    var bytes: [UInt8] = []
    for r in 0..<count {
        bytes.append(UInt8(r + 1))
        for c in 0..<3 {
            for i in 0..<1024 { bytes.append(UInt8((r + c + i) % 256)) }
        }
    }
    return bytes
}

@Suite struct CIFAR10ReaderTests {
    @Test func readsRecordsAsPlanes() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        let url = try folder.write(cifarRecords(), to: "test_batch.bin")
        let images = try CIFAR10Reader.readBatches([url])
        #expect(images.count == 3)
        #expect(images.labels == [1, 2, 3])
        #expect((images.channels, images.height, images.width) == (3, 32, 32))
        #expect(images.images[2, 1024 + 5] == Float((2 + 1 + 5) % 256))
        #expect(images.images[1, 2048 + 1023] == Float((1 + 2 + 1023) % 256))
    }

    @Test func loadsAFullRootAndTheUnpackedLayout() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("cifar-10-batches-bin"), withIntermediateDirectories: true)
        for name in CIFAR10Reader.trainingBatchNames + [CIFAR10Reader.testBatchName] {
            try folder.write(cifarRecords(2), to: "cifar-10-batches-bin/" + name)
        }
        let split = try CIFAR10Reader.load(root: folder.url)
        #expect(split.training.count == 10)
        #expect(split.test.count == 2)
    }

    @Test func truncatedBatchIsAnErrorNamingTheFile() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        let url = try folder.write(Array(cifarRecords().dropLast(7)), to: "data_batch_1.bin")
        #expect { try CIFAR10Reader.readBatches([url]) } throws: { error in
            guard let failure = error as? DatasetError, case .malformed(let path, _) = failure else { return false }
            return path == url.path && failure.description.contains("3073")
        }
    }

    @Test func rootWithoutTestSetIsAnError() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        for name in CIFAR10Reader.trainingBatchNames { try folder.write(cifarRecords(1), to: name) }
        #expect(throws: DatasetError.missingFile(path: folder.url.appendingPathComponent("test_batch.bin").path, what: "CIFAR-10 test set")) {
            try CIFAR10Reader.load(root: folder.url)
        }
    }

    @Test func labelOutsideTheTenClassesIsAnError() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        var bytes = cifarRecords(2)
        bytes[CIFAR10Reader.recordSize] = 12
        let url = try folder.write(bytes, to: "data_batch_1.bin")
        #expect(throws: DatasetError.malformed(path: url.path, reason: "record 1 has label 12, outside 0...9")) {
            try CIFAR10Reader.readBatches([url])
        }
    }

    @Test func centreCropsEveryPlane() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        let images = try CIFAR10Reader.readBatches([try folder.write(cifarRecords(), to: "b.bin")])
        for size in [10, 15, 20, 25, 32] {
            let crop = try images.centreCropped(to: size)
            #expect(crop.images.cols == 3 * size * size)
            let offset = (32 - size) / 2
            // Plane 2 (blue), last row, first column of the window, image 1.
            let source = 2 * 1024 + (offset + size - 1) * 32 + offset
            #expect(crop.images[1, 2 * size * size + (size - 1) * size] == images.images[1, source])
        }
        #expect(try images.centreCropped(to: 32) == images)
        #expect(throws: DatasetError.self) { try images.centreCropped(to: 33) }
    }
}
