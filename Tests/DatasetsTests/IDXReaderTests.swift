import Foundation
import Testing
@testable import Datasets
import TestSupport

/// An IDX file of unsigned bytes with the given shape, values `i % 251`.
private func idx(shape: [Int], magic: [UInt8]? = nil) -> [UInt8] {
    let header = (magic ?? [0, 0, 8, UInt8(shape.count)]) + shape.flatMap { d in (0..<4).map { UInt8((d >> (8 * (3 - $0))) & 0xFF) } }
    return header + (0..<shape.reduce(1, *)).map { UInt8($0 % 251) }
}

@Suite struct IDXReaderTests {
    @Test func readsPlainAndGzipFiles() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        let imagesURL = try folder.write(idx(shape: [4, 3, 2]), to: "images-idx3-ubyte")
        try folder.write(idx(shape: [4]), to: "labels-idx1-ubyte")
        let labelsURL = try folder.gzip("labels-idx1-ubyte")
        let images = try IDXReader.readLabelledImages(images: imagesURL, labels: labelsURL)
        #expect(images.count == 4)
        #expect((images.channels, images.height, images.width) == (1, 3, 2))
        #expect(images.labels == [0, 1, 2, 3])
        #expect(images.images[3, 5] == 23)
    }

    @Test func wrongMagicNumberIsAnError() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        let url = try folder.write(idx(shape: [4], magic: [0, 0, 0x0D, 1]), to: "floats")
        #expect { try IDXReader.read(url) } throws: { error in
            (error as? DatasetError)?.description == "\(url.path): wrong magic number 0x00000d01: expected 0x000008nn (unsigned-byte IDX data)"
        }
    }

    @Test func truncatedDataIsAnError() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        let url = try folder.write(Array(idx(shape: [5, 2, 2]).dropLast(3)), to: "short")
        #expect(throws: DatasetError.malformed(path: url.path, reason: "truncated: shape [5, 2, 2] needs 20 data bytes, found 17")) {
            try IDXReader.read(url)
        }
        let gz = try folder.gzip("short")
        #expect(throws: DatasetError.malformed(path: gz.path, reason: "truncated: shape [5, 2, 2] needs 20 data bytes, found 17")) {
            try IDXReader.read(gz)
        }
    }

    @Test("a header whose sizes multiply past Int.max is an error naming the file, not an overflow trap")
    func overflowingShapeIsAnError() throws {
        let folder = try ScratchFolder("idx")
        defer { folder.remove() }
        let huge = UInt32.max
        let header: [UInt8] = [0, 0, 8, 3] + (0..<3).flatMap { _ in (0..<4).map { UInt8((huge >> (8 * (3 - UInt32($0)))) & 0xFF) } }
        let url = try folder.write(header + [1, 2, 3], to: "huge-idx3-ubyte")
        #expect { try IDXReader.read(url) } throws: { error in
            (error as? DatasetError)?.description == "\(url.path): shape [4294967295, 4294967295, 4294967295] promises more data than any file can hold (a damaged header)"
        }
        let gz = try folder.gzip("huge-idx3-ubyte")
        #expect(throws: DatasetError.self) { try IDXReader.read(gz) }
    }

    @Test("a gzip bomb stops at the size the IDX header promises; a promise gzip cannot keep is refused at once")
    func decompressionIsCappedByTheHeader() throws {
        let folder = try ScratchFolder("idx")
        defer { folder.remove() }
        // 10 labels promised, 8 MB of zeros behind them: about 8 KB compressed.
        try folder.write(idx(shape: [10]) + [UInt8](repeating: 0, count: 8 << 20), to: "bomb")
        let bomb = try folder.gzip("bomb")
        #expect(throws: DatasetError.malformed(path: bomb.path, reason: "decompresses to more than the 18 bytes its header promises (damaged, or a gzip bomb); stopped there")) {
            try IDXReader.read(bomb)
        }
        // 60,000 images of 28 x 28 promised by a file of a few dozen compressed bytes.
        try folder.write(Array(idx(shape: [0, 28, 28]).prefix(4)) + [0, 0, 0xEA, 0x60] + [0, 0, 0, 28, 0, 0, 0, 28] + [UInt8](repeating: 7, count: 24), to: "liar")
        let liar = try folder.gzip("liar")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: liar.path)[.size] as? Int)
        #expect(throws: DatasetError.malformed(path: liar.path, reason: "its header promises 47040016 bytes, more than gzip can expand a \(size)-byte file to")) {
            try IDXReader.read(liar)
        }
    }

    @Test func labelCountMismatchIsAnError() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        let imagesURL = try folder.write(idx(shape: [4, 2, 2]), to: "images")
        let labelsURL = try folder.write(idx(shape: [3]), to: "labels")
        #expect(throws: DatasetError.malformed(path: labelsURL.path, reason: "3 labels for the 4 images of images")) {
            try IDXReader.readLabelledImages(images: imagesURL, labels: labelsURL)
        }
    }

    @Test func corruptGzipIsAnErrorNamingTheFile() throws {
        let folder = try ScratchFolder("datasets")
        defer { folder.remove() }
        let url = try folder.write([0x1F, 0x8B, 8, 0, 1, 2, 3], to: "broken.gz")
        #expect { try IDXReader.read(url) } throws: { error in
            guard case .unreadable(let path, _) = error as? DatasetError else { return false }
            return path == url.path
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: FashionMNIST.defaultRoot.path)))
    func loadsTheInstalledFashionMNIST() throws {
        let split = try FashionMNIST.load()
        #expect(split.training.count == 60_000)
        #expect(split.test.count == 10_000)
        #expect((split.training.height, split.training.width, split.training.channels) == (28, 28, 1))
        #expect(Set(split.test.labels) == Set(0..<10))
        #expect(split.test.images.storage.max() == 255)
    }
}
