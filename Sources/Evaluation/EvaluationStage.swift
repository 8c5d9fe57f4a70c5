/// The stages of an evaluation, in the order they run: the one word "stage" means one of these, in
/// stage records, memory estimates, status, `evaluate --stage` and the Slurm jobs.
public enum EvaluationStage: String, Codable, Sendable, CaseIterable {
    /// Check, fit the super-block PCA, write the plan.
    case prepare
    /// Describe the clips of one shard.
    case descriptors
    /// Vocabulary, classifiers, reports.
    case finish
}
