import Foundation
import Learners
import Testing
import TestSupport

/// Adding a learner is one file plus one registry line: every fact about a kind lives in its
/// `LearnerKind`, and no code outside the model files names a kind except as a default setting.
@Suite("the learner registry")
struct LearnerRegistryTests {
    /// Where the sources may name a kind (`.trec`, `"kmeans"`, `case .grbm`): its own model file, the
    /// registry (`ModelKind.swift`), and these default settings and benchmarks of a specific model.
    static let allowed: [String: Set<String>] = [
        "trec": ["Learners/ZeroBiasAutoencoder.swift", "Runs/VideoPipelineSettings.swift", "Studies/RotatingDotsSettings.swift",
                 "Bench/ZAEBenchmark.swift", "Bench/ExtractionBenchmark.swift"],
        "tlin": ["Learners/ZeroBiasAutoencoder.swift"],
        "cae": ["Learners/ContractiveAutoencoder.swift", "Studies/RotatingDotsSettings.swift"],
        "covae": ["Learners/CovarianceAutoencoder.swift"],
        "grbm": ["Learners/GatedRBM.swift"],
        "kmeans": ["Learners/SphericalKMeans.swift", "Bench/BenchmarkSuite.swift", "Bench/PeerBenchmark.swift"],
    ]

    /// The Swift files under Sources that name `kind` outside comments, relative to Sources.
    static func places(naming kind: String) throws -> Set<String> {
        let sources = TestPaths.packageRoot.appendingPathComponent("Sources")
        let pattern = try Regex("(\\.\(kind)\\b|\"\(kind)\")")
        var found = Set<String>()
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            let code = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            if code.contains(where: { $0.contains(pattern) }) {
                found.insert(String(file.standardizedFileURL.path.dropFirst(sources.standardizedFileURL.path.count + 1)))
            }
        }
        found.remove("Learners/ModelKind.swift")
        return found
    }

    @Test("a kind is named only in its model file, the registry and a few default settings", arguments: ModelKind.allCases)
    func kindsAreNamedInOnePlace(_ kind: ModelKind) throws {
        #expect(try Self.places(naming: kind.rawValue) == Self.allowed[kind.rawValue])
    }

    @Test("lists of learners come from the registry: video compares all six, images the paper's four")
    func defaultListsComeFromTheRegistry() {
        #expect(LearnerKind.defaultKinds(for: .video) == ModelKind.allCases)
        #expect(LearnerKind.defaultKinds(for: .images) == [.trec, .tlin, .cae, .kmeans])
        #expect(ModelKind.allCases.map { $0.learner.paperMeanAP } == [50.4, 49.8, 45.2, 43.3, 46.6, 41.0])
        var training = LearnerSettings(kmeansIterations: 7)
        #expect(training.epochs(for: .kmeans) == 7 && training.epochs(for: .trec) == training.epochs)
        training.kmeansIterations = 0
        #expect(training.epochs(for: .kmeans) == training.epochs)
    }
}
