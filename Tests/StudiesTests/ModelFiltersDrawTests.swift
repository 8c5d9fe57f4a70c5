import Foundation
import Learners
import Linalg
import Testing
import TestSupport
@testable import Runs
@testable import Studies

@Suite("filters of learned bundles", .tags(.slow), .timeLimit(.minutes(10)))
struct ModelFiltersDrawTests {
    @Test("every kind learn writes draws its strongest filters as png, gif, npy and a caption", arguments: ModelKind.allCases)
    func drawsEveryKind(_ kind: ModelKind) throws {
        let scratch = try ScratchFolder("filters").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        let model = scratch.appendingPathComponent("model")
        _ = try LearnRun(settings: PipelineFixtures.smallSettings(kind: kind, epochs: 2), data: TestPaths.fixtureVideos.path,
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

        // The bundle's page draws the same learner: its mosaic and animation, the spectrum with the
        // cut, and the active fraction only for the zero-bias autoencoders, which have a threshold.
        let page = try String(contentsOf: model.appendingPathComponent(ModelBundle.pageName), encoding: .utf8)
        #expect(page.components(separatedBy: "<img src=\"data:image/png;base64,").count - 1 == 1)
        #expect(page.components(separatedBy: "<img src=\"data:image/gif;base64,").count - 1 == 1)
        #expect(page.contains("cut: \(kind == .grbm ? 12 : 40) kept"))
        #expect(page.contains("Active hidden units per epoch") == (kind == .trec || kind == .tlin))
    }

    /// numpy recomputes filters.npy from the bundle's own arrays: the columns of W with the largest
    /// norms, mapped through V diag(sqrt(variances + regularization)), and their median roughness.
    @Test("numpy recomputes the drawn TRec filters and their roughness from the bundle's arrays",
          .enabled(if: Numpy.isAvailable, "python3 with numpy is not installed"))
    func numpyAgrees() throws {
        let scratch = try ScratchFolder("filters").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        let model = scratch.appendingPathComponent("model")
        _ = try LearnRun(settings: PipelineFixtures.smallSettings(kind: .trec, epochs: 2), data: TestPaths.fixtureVideos.path,
                         output: model).run()
        let filters = try ModelFilters.draw(bundle: model, count: 10, output: model)
        let script = """
            import json, sys, numpy as np
            d = sys.argv[1]
            W, V, lam = (np.load(f"{d}/{n}.npy") for n in ("W", "pca_components", "pca_variances"))
            reg = json.load(open(f"{d}/pca.json"))["regularization"]
            order = np.argsort(-np.linalg.norm(W, axis=0), kind="stable")[:10]
            expected = ((V * np.sqrt(lam + reg)) @ W[:, order]).T
            F = np.load(f"{d}/filters.npy")
            def rough(f):
                return ((np.diff(f, axis=1) ** 2).mean() / f.var() + (np.diff(f, axis=0) ** 2).mean() / f.var()) / 2
            print(np.abs(F.reshape(10, -1) - expected).max() / np.abs(expected).max())
            print(np.median([rough(F[i, t]) for i in range(F.shape[0]) for t in range(F.shape[1])]))
            """
        let lines = try Numpy.run(script, arguments: [model.path]).split(separator: "\n").compactMap { Double($0) }
        try #require(lines.count == 2)
        #expect(lines[0] < 1e-5, "largest relative difference from numpy: \(lines[0])")
        #expect(abs(lines[1] - filters.medianRoughness) < 1e-5, "numpy median roughness \(lines[1]), ours \(filters.medianRoughness)")
    }

    @Test("a folder without a model bundle is named")
    func notABundle() throws {
        let scratch = try ScratchFolder("filters").url
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect { try ModelFilters.draw(bundle: scratch, count: 4, output: scratch) } throws: { "\($0)".contains(scratch.path) }
    }
}
