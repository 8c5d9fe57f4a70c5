import Datasets
import Foundation
import Linalg
import Recognition
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

@Suite("evaluate with other encodings (pyramids, VLAD, Fisher vectors)", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct EncodingRunTests {
    /// Zoom in and zoom out only, rendered like the tiny benchmark's clips, evaluated with its model.
    static let zooms = Result { () throws -> URL in
        let bench = try TinyMotionBenchmark.shared.get()
        let root = bench.folder.appendingPathComponent("zooms")
        _ = try MotionDataset(clipsPerClass: 8, renderer: MotionClipRenderer(width: 64, height: 64, frameCount: 16), seed: 7,
                              motions: [.zoomIn, .zoomOut]).write(to: root, force: true)
        return root
    }

    func run(_ name: String, events: @escaping @Sendable (EvaluationEvent) -> Void = { _ in },
             change: (inout VideoPipelineSettings) -> Void) throws -> EvaluationReport {
        let bench = try TinyMotionBenchmark.shared.get()
        var settings = bench.settings
        change(&settings)
        return try EvaluationRun(settings: settings, root: try Self.zooms.get(), model: bench.model,
                                  output: bench.folder.appendingPathComponent("zooms-\(name)")).run(events: events)
    }

    @Test("clip encodings are cached: a rerun (or other costs) reads them and gives the same report; a damaged one is recomputed")
    func encodingsAreCached() throws {
        let fisher = { (costs: [Double]) in { (settings: inout VideoPipelineSettings) in
            settings.encoding.method = .fisher(.init(components: 4))
            settings.encoding.linearSVMs.costs = costs
            settings.encoding.pyramid = [.whole, .quarters]
        } }
        /// The encoding stages a run announced: how many clips were read from the cache, of how many.
        func encodingStages(_ log: EventLog<EvaluationEvent>) -> [(cachedClips: Int, clips: Int, cached: Bool)] {
            log.events.compactMap {
                if case let .stage(.encodings(.fisher, 5, 2 * 4 * 24 * 5, cachedClips, clips), cached) = $0 { (cachedClips, clips, cached) } else { nil }
            }
        }
        let first = EventLog<EvaluationEvent>()
        let reference = try run("cache", events: first.add, change: fisher([0.1, 1]))
        let clips = reference.trainClips + reference.testClips
        #expect(encodingStages(first).map { [$0.cachedClips, $0.clips] } == [[0, clips]] && encodingStages(first).map(\.cached) == [false])
        let second = EventLog<EvaluationEvent>()
        let rerun = try run("cache", events: second.add, change: fisher([0.1, 1]))
        #expect(encodingStages(second).map { [$0.cachedClips, $0.clips] } == [[clips, clips]] && encodingStages(second).map(\.cached) == [true])
        #expect(sameResults(rerun, reference) && rerun.encoding == reference.encoding)

        // Other costs: the same encodings, read from the cache.
        let costs = EventLog<EvaluationEvent>()
        let otherCosts = try run("cache", events: costs.add, change: fisher([1]))
        #expect(encodingStages(costs).map(\.cached) == [true])
        #expect(otherCosts.encoding?.cost == 1)

        // A damaged encoding file is named and recomputed, and the report does not change.
        let cache = try TinyMotionBenchmark.shared.get().folder.appendingPathComponent("zooms-cache/cache")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("encodings-") })
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent(folder).path).filter { $0.hasSuffix(".npy") }.sorted()
        let damaged = cache.appendingPathComponent(folder).appendingPathComponent(files[0])
        var values = try NPYArray(contentsOf: damaged).matrix()
        values.storage[0] += 1
        try NPYArray(values).write(to: damaged)
        let repairing = EventLog<EvaluationEvent>()
        let repaired = try run("cache", events: repairing.add, change: fisher([0.1, 1]))
        let recomputed = repairing.events.compactMap { if case let .recomputing(item) = $0 { item.item } else { nil } }
        #expect(recomputed == ["encoding of \(files[0].dropLast(4))"])
        #expect(encodingStages(repairing).map { [$0.cachedClips, $0.clips] } == [[files.count - 1, files.count]])
        #expect(sameResults(repaired, reference) && repaired.encoding == reference.encoding)
    }

    @Test("zoom in and zoom out: a 2x2 spatial pyramid separates them better than the whole-clip histogram")
    func pyramidBeatsTheSingleHistogram() throws {
        let single = try #require(try run("bow") { _ in }.meanAP)
        let pyramid = try #require(try run("bow-pyramid") { $0.encoding.pyramid = [.whole, .quarters] }.meanAP)
        #expect(pyramid > single, "pyramid \(pyramid) vs whole clip \(single)")
    }

    @Test("VLAD and Fisher vectors over a pyramid run end to end; report.json and report.md record the encoding",
          arguments: [EncodingSettings.Kind.vlad, .fisher])
    func linearEncodings(_ kind: EncodingSettings.Kind) throws {
        let report = try run(kind.rawValue) {
            $0.encoding.method = kind == .vlad ? .vlad(.init(words: 8)) : .fisher(.init(components: 4))
            $0.encoding.pyramid = [.whole, .quarters]
        }
        let encoding = try #require(report.encoding)
        #expect(encoding.kind == kind.rawValue && encoding.pyramid == [.whole, .quarters])
        #expect(encoding.dimension == 5 * (kind == .vlad ? 8 * 24 : 2 * 4 * 24))
        let costs = report.settings.encoding.linearSVMs.costs
        #expect(costs.contains(encoding.cost))
        #expect(encoding.validationAP?.count == costs.count)
        // Chance mean AP with two classes is about 0.5.
        #expect(try #require(report.meanAP) > 0.6)
        #expect(report.markdown.contains("Encoding: \(kind == .vlad ? "VLAD" : "Fisher vectors") over the spatio-temporal grids 1x1x1 + 1x2x2"))
        // The page says which encoding ran.
        let page = try String(contentsOf: try TinyMotionBenchmark.shared.get().folder.appendingPathComponent("zooms-\(kind.rawValue)/report.html"),
                              encoding: .utf8)
        #expect(page.contains("<td>Encoding: \(kind == .vlad ? "VLAD" : "Fisher vectors") over the spatio-temporal grids 1x1x1 + 1x2x2"))
    }
}

@Suite("encodings record the words, Gaussians and folds they could use", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct EncodingAdjustmentTests {
    @Test("VLAD words or GMM Gaussians beyond the descriptors sampled, and folds beyond the training clips, are reported as used",
          arguments: [EncodingSettings.Kind.vlad, .fisher])
    func adjusted(_ kind: EncodingSettings.Kind) throws {
        let bench = try TinyMotionBenchmark.shared.get()
        var settings = bench.settings
        settings.vocabulary.sample = 200
        settings.encoding.method = kind == .vlad ? .vlad(.init(words: 1_000_000_000)) : .fisher(.init(components: 1_000_000_000))
        settings.encoding.linearSVMs.folds = 1000
        let report = try EvaluationRun(settings: settings, root: try EncodingRunTests.zooms.get(), model: bench.model,
                                        output: bench.folder.appendingPathComponent("zooms-adjusted-\(kind.rawValue)")).run()
        let encoding = try #require(report.encoding)
        let used = try #require(kind == .vlad ? encoding.words : encoding.gaussians)
        // Descriptors are drawn evenly, ceil(200 / clips) from each training clip.
        let quota = (200 + report.trainClips - 1) / report.trainClips
        #expect(used == quota * report.trainClips)
        #expect(encoding.dimension == used * 24 * (kind == .vlad ? 1 : 2))
        let setting = kind == .vlad ? "encoding.vladWords" : "encoding.gmmComponents"
        #expect(encoding.adjustedSettings == [
            SettingAdjustment(setting: setting, requested: 1_000_000_000, used: used, reason: "the training descriptors sampled number only \(used)"),
            SettingAdjustment(setting: "encoding.folds", requested: 1000, used: report.trainClips, reason: "there are only \(report.trainClips) training clips"),
        ])
        #expect(encoding.classifier.contains("by \(report.trainClips)-fold cross-validation"))
        #expect(report.markdown.contains("Note: encoding.folds asked for 1000, the run used \(report.trainClips): there are only \(report.trainClips) training clips."))
        #expect(report.settings.encoding == settings.encoding)
        // The page warns near the top and lists these two (and the plan's own) under Reduced settings.
        let page = try String(contentsOf: bench.folder.appendingPathComponent("zooms-adjusted-\(kind.rawValue)/report.html"), encoding: .utf8)
        let reduced = (report.adjustedSettings ?? []).count + 2
        #expect(page.contains("\(reduced) settings were reduced to fit the data") && page.contains("<h3>Reduced settings</h3>"))
        #expect(page.contains("encoding.folds asked for 1000, the run used \(report.trainClips): there are only \(report.trainClips) training clips."))
    }
}
