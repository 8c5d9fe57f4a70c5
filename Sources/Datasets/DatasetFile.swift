import Foundation

/// Reads a dataset file's bytes, decompressing gzip transparently (recognised by its magic number,
/// whatever the file is called).
enum DatasetFile {
    /// The (decompressed) bytes of the file at `url`; `what` says what the file is, for the error
    /// when it is missing. `promisedSize` reads the format's header from the bytes so far and
    /// returns the total size it promises (nil while it cannot tell): decompression never goes beyond it.
    static func bytes(at url: URL, what: String,
                      promisedSize: (Data) throws(DatasetError) -> Int? = { _ in nil }) throws(DatasetError) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missingFile(path: url.path, what: what) }
        let raw: Data
        do {
            raw = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return GzipDecompression.isGzip(raw) ? try GzipDecompression.decompress(fileAt: url, promisedSize: promisedSize) : raw
    }
}
