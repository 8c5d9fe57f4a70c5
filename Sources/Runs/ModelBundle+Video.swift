import Datasets
import Learners
import Support

extension ModelBundle {
    /// The whitening this bundle's model expects its blocks to go through: the recorded
    /// preprocessing with the stored PCA. Throws, naming what is missing, for a bundle that records none.
    public func patchWhitening() throws -> PatchWhitening {
        guard let pca else { throw RunError.bundleMismatch("the model bundle holds no whitening PCA") }
        guard let p = preprocessing, let shape = BlockShape(values: p.blockShape) else {
            throw RunError.bundleMismatch("the model bundle does not record its block preprocessing (it was not learned from video blocks)")
        }
        return try PatchWhitening(shape: shape,
                                  preprocessing: BlockPreprocessing(removeDC: p.removeDC, contrastNormalize: p.contrastNormalize),
                                  pca: pca, perFrame: p.whitening == .perFrame)
    }

    /// Refuses settings whose decoding or block preprocessing differ from what the model was trained
    /// with: features of differently prepared blocks mean nothing to it. Throws a `SettingError`
    /// naming the first setting that differs.
    public func checkMatches(_ settings: VideoPipelineSettings) throws {
        let blocks = settings.blocks, asked = settings.decoding
        var pairs: [(setting: String, trained: String, asked: String)] = []
        if let d = decoding {
            pairs += [("decoding.halfSize", "\(d.halfSize)", "\(asked.halfSize)"),
                      ("decoding.cropMultiple", "\(d.cropMultiple)", "\(asked.cropMultiple)")]
        }
        if let p = preprocessing {
            pairs += [("blocks.frames/height/width", "\(p.blockShape)", "\(blocks.shape.values)"),
                      ("blocks.removeDC", "\(p.removeDC)", "\(blocks.removeDC)"),
                      ("blocks.contrastNormalize", "\(p.contrastNormalize)", "\(blocks.contrastNormalize)")]
        }
        for pair in pairs where pair.trained != pair.asked {
            throw SettingError(setting: pair.setting, reason: "is \(pair.asked), but the model was trained with \(pair.trained); preprocessing must match")
        }
    }
}

extension PatchWhitening {
    /// The bundle section that records this whitening (its PCA is stored beside it).
    public var bundleSection: ModelBundle.Preprocessing {
        ModelBundle.Preprocessing(blockShape: shape.values, removeDC: preprocessing.removeDC,
                                  contrastNormalize: preprocessing.contrastNormalize, whitening: perFrame ? .perFrame : .block)
    }
}

extension VideoPipelineSettings.Decoding {
    /// The bundle section that records these settings (`maxFrames` only shortens clips, so it is not part of it).
    public var bundleSection: ModelBundle.Decoding { ModelBundle.Decoding(halfSize: halfSize, cropMultiple: cropMultiple) }
}
