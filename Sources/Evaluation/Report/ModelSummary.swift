import Learners

/// What a report and a plan say about the evaluated model: its kind, features per sub-block, bundle
/// folder and test-time inference; or, for descriptor files made elsewhere, their folder and width.
/// Written as `{"bundle", "features", "inference", "kind"}` (and `"descriptors"`); reports and
/// plans of earlier versions, which wrote every value as a string, still read.
public struct ModelSummary: Codable, Sendable, Equatable {
    /// The learner kind (nil for descriptor files).
    public var kind: ModelKind?
    /// Features per sub-block (for descriptor files: values per row).
    public var features: Int
    /// The bundle folder, as an absolute path (empty for descriptor files).
    public var bundle: String
    /// How the model encodes at test time (nil for descriptor files).
    public var inference: Inference?
    /// The folder of the descriptor files evaluated (`evaluate --descriptors`), nil for a model.
    public var descriptors: String?

    /// A summary of these facts.
    public init(kind: ModelKind, features: Int, bundle: String, inference: Inference) {
        self.kind = kind
        self.features = features
        self.bundle = bundle
        self.inference = inference
    }

    /// The summary of descriptor files in `folder`, `width` values per row.
    public init(descriptors folder: String, width: Int) {
        features = width
        bundle = ""
        descriptors = folder
    }

    /// What the report calls the model: its kind, or "descriptors" for descriptor files.
    public var name: String { kind?.rawValue ?? "descriptors" }

    /// The paper's Hollywood2 mean AP (percent) for this kind, if it reports one.
    public var paperMeanAP: Double? { kind?.learner.paperMeanAP }

    enum CodingKeys: String, CodingKey { case bundle, features, inference, kind, descriptors }

    /// Reads `features` as a number, or as the string earlier versions wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(ModelKind.self, forKey: .kind)
        bundle = try container.decode(String.self, forKey: .bundle)
        inference = try container.decodeIfPresent(Inference.self, forKey: .inference)
        descriptors = try container.decodeIfPresent(String.self, forKey: .descriptors)
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
