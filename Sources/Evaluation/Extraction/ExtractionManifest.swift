import Foundation
import Runs
import Support

/// `extraction.json` of an extraction folder: what its features were made with (the bundle and
/// its fingerprint, the decoding and descriptor settings, the run whose super-block PCA reduced
/// them, the level). A rerun into the same folder keeps finished clips only when this is the
/// same; other settings or another model are refused, naming what differs, instead of mixing
/// features of two models in one folder.
struct ExtractionManifest: Codable, Equatable {
    /// The format of this record and of the folder.
    static let currentFormat = 1
    var format = currentFormat
    /// `super-blocks` or `clip`.
    var level: String
    /// The model bundle folder (absolute).
    var model: String
    /// The fingerprint of the bundle's files.
    var modelFingerprint: String
    /// The decoding and descriptor settings, canonical JSON.
    var decoding: JSONValue
    var descriptors: JSONValue
    /// The run whose super-block PCA (or recogniser, at the clip level) was applied, and its fingerprint.
    var run: String?
    var runFingerprint: String?
    /// Values per row.
    var width: Int

    enum CodingKeys: String, CodingKey {
        case format, level, model, modelFingerprint = "model_fingerprint", decoding, descriptors, run, runFingerprint = "run_fingerprint", width
    }

    static func file(in folder: URL) -> URL { folder.appendingPathComponent("extraction.json") }

    /// The manifest in `folder`, nil when there is none.
    static func read(in folder: URL) throws -> ExtractionManifest? {
        let url = file(in: folder)
        guard let data = try? Data(contentsOf: url) else { return nil }
        do { return try JSONDecoder().decode(ExtractionManifest.self, from: data) } catch {
            throw EvaluationError.otherFolder(path: url.path, reason: "not an extraction record (\(error))")
        }
    }

    /// Refuses a folder whose features were made otherwise; the first field that differs is named.
    func check(against stored: ExtractionManifest, folder: URL) throws {
        let path = Self.file(in: folder).path
        let differences: [(String, Bool)] = [
            ("format \(stored.format)", stored.format != format), ("level \(stored.level)", stored.level != level),
            ("model \(stored.model)", stored.model != model), ("another version of the model \(model)", stored.modelFingerprint != modelFingerprint),
            ("other decoding settings", stored.decoding != decoding), ("other descriptor settings", stored.descriptors != descriptors),
            ("run \(stored.run ?? "none")", stored.run != run), ("another state of the run \(run ?? "")", stored.runFingerprint != runFingerprint),
        ]
        if let difference = differences.first(where: \.1) {
            throw EvaluationError.otherFolder(path: path, reason: "its features were extracted with \(difference.0); give another --out, or remove the folder")
        }
    }

    /// Writes the manifest atomically.
    func write(in folder: URL) throws {
        try AtomicFile.write(try JSONEncoder.readable().encode(self), to: Self.file(in: folder))
    }
}
