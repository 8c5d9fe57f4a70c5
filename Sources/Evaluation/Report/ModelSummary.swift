import Learners

/// What a report and a plan say about the evaluated model: its kind, features per sub-block, bundle
/// folder and test-time inference. Written as `{"bundle", "features", "inference", "kind"}`; reports
/// and plans of earlier versions, which wrote every value as a string, still read.
public struct ModelSummary: Codable, Sendable, Equatable {
    /// The learner kind.
    public var kind: ModelKind
    /// Features per sub-block.
    public var features: Int
    /// The bundle folder, as an absolute path.
    public var bundle: String
    /// How the model encodes at test time.
    public var inference: Inference

    /// A summary of these facts.
    public init(kind: ModelKind, features: Int, bundle: String, inference: Inference) {
        self.kind = kind
        self.features = features
        self.bundle = bundle
        self.inference = inference
    }

    /// The paper's Hollywood2 mean AP (percent) for this kind, if it reports one.
    public var paperMeanAP: Double? { kind.learner.paperMeanAP }

    enum CodingKeys: String, CodingKey { case bundle, features, inference, kind }

    /// Reads `features` as a number, or as the string earlier versions wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(ModelKind.self, forKey: .kind)
        bundle = try container.decode(String.self, forKey: .bundle)
        inference = try container.decode(Inference.self, forKey: .inference)
        if let number = try? container.decode(Int.self, forKey: .features) {
            features = number
        } else {
            let text = try container.decode(String.self, forKey: .features)
            guard let number = Int(text) else {
                throw DecodingError.dataCorruptedError(forKey: .features, in: container, debugDescription: "not a whole number: \"\(text)\"")
            }
            features = number
        }
    }
}
