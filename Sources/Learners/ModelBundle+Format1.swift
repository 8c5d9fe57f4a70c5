import Foundation
import Support

extension ModelBundle {
    /// Fills the typed sections from a format-1 manifest's `metadata` strings (`block_shape` "10x16x16",
    /// `remove_dc`, `contrast_normalize`, `whitening`, `half_size`, `crop_multiple`, `data`, `blocks`,
    /// and `pipeline_settings`, a JSON document in a string). A bundle without block facts (not learned
    /// from video) keeps its preprocessing empty.
    mutating func adoptFormat1(_ metadata: [String: String]) throws {
        if let shape = metadata["block_shape"] {
            let dims = shape.split(separator: "x").compactMap { Int($0) }
            guard dims.count == 3, let removeDC = metadata["remove_dc"].flatMap(Bool.init),
                  let contrast = metadata["contrast_normalize"].flatMap(Bool.init),
                  let whitening = metadata["whitening"].flatMap(Preprocessing.Whitening.init(rawValue:)) else {
                throw LearnerError.format1Metadata(reason: "block_shape, remove_dc, contrast_normalize and whitening must all be present and valid")
            }
            preprocessing = Preprocessing(blockShape: dims, removeDC: removeDC, contrastNormalize: contrast, whitening: whitening)
        }
        if let half = metadata["half_size"].flatMap(Bool.init), let crop = metadata["crop_multiple"].flatMap(Int.init) {
            decoding = Decoding(halfSize: half, cropMultiple: crop)
        }
        if let source = metadata["data"], let blocks = metadata["blocks"].flatMap(Int.init) {
            trainingData = TrainingData(source: source, blocks: blocks)
        }
        if let text = metadata["pipeline_settings"] {
            do { settings = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) } catch {
                throw LearnerError.format1Metadata(reason: "pipeline_settings is not JSON")
            }
        }
    }
}
