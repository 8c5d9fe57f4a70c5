import Foundation
import Learners
import Linalg
import Testing
@testable import Pipeline

@Suite("filters of learned bundles")
struct ModelFiltersDrawTests {
    @Test("every kind learn writes draws its strongest filters as png, gif, npy and a caption", arguments: ModelKind.allCases)
    func drawsEveryKind(_ kind: ModelKind) throws {
        let scratch = try PipelineFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let model = scratch.appendingPathComponent("model")
        _ = try LearnRun(settings: PipelineFixtures.smallSettings(kind: kind, epochs: 2), data: PipelineFixtures.videos.path,
                         output: model).run()
        let out = scratch.appendingPathComponent("pictures")
        let filters = try ModelFilters.draw(bundle: model, count: 10, output: out)

        // 24 features (16 factors for the covariance AE and the gated RBM), 10 drawn; the gated RBM's
        // factor filters are pairs of frames, the others whole 4-frame blocks of 8 x 8.
        let factored = kind == .covae || kind == .grbm
        #expect(filters.count == 10 && filters.total == (factored ? 16 : 24))
        let shape = [10, kind == .grbm ? 2 : 4, 8, 8]
        #expect(try NPYArray(contentsOf: out.appendingPathComponent("filters.npy")).shape == shape)
        for name in ["filters.png", "filters.gif"] { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path)) }
        let caption = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("filters.json"))) as? [String: Any]
        #expect(caption?["model"] as? String == kind.rawValue && caption?["shape"] as? [Int] == shape)
        #expect((caption?["drawn"] as? String)?.contains(factored ? "factor" : kind == .kmeans ? "centroids" : "encoder filters") == true)
        #expect(filters.values.isFinite && filters.medianRoughness > 0)
    }

    @Test("a folder without a model bundle is named")
    func notABundle() throws {
        let scratch = try PipelineFixtures.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect { try ModelFilters.draw(bundle: scratch, count: 4, output: scratch) } throws: { "\($0)".contains(scratch.path) }
    }
}
