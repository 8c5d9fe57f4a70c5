import Datasets
import Foundation
import Linalg
import Recognition
import Support
import Testing
@testable import Runs
@testable import Evaluation
import TestSupport

@Suite("extract (features of any video)", .serialized, .tags(.slow), .timeLimit(.minutes(10)))
struct FeatureExtractionTests {
    /// An evaluate run on the tiny benchmark (its descriptor cache is what extract must reproduce).
    static let run = Result { () throws -> (plan: EvaluationPlan, output: URL) in
        let bench = try TinyMotionBenchmark.shared.get()
        let output = bench.folder.appendingPathComponent("extract-reference")
        _ = try EvaluationRun(settings: bench.settings, root: bench.dataset, model: bench.model, output: output).run()
        return (try EvaluationPlan.load(from: output), output)
    }

    func folder(_ name: String) throws -> URL {
        let url = try TinyMotionBenchmark.shared.get().folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        return url
    }

    @Test("with a run's super-block PCA the rows, rounded to the cache's half precision, equal evaluate's descriptor cache bit for bit; without, the codes before it")
    func rowsEqualTheCache() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let (plan, runFolder) = try Self.run.get()
        let inputs = try VideoInputs.clips(of: .hollywood2, root: bench.dataset)
        #expect(inputs.count == plan.clips.count)
        let reduced = try folder("extract-reduced"), full = try folder("extract-full")
        let summary = try FeatureExtraction(inputs: inputs, output: reduced, model: nil, settings: VideoPipelineSettings(), reduceWith: runFolder).run()
        #expect(summary.count(.extracted) == inputs.count && summary.width == bench.settings.descriptors.pcaDimensions)
        _ = try FeatureExtraction(inputs: inputs, output: full, model: bench.model, settings: bench.settings).run()
        let reduction = try plan.reduction(in: runFolder)
        for clip in plan.clips {
            let input = try #require(inputs.first { $0.file.standardizedFileURL.path == URL(fileURLWithPath: clip.file).standardizedFileURL.path })
            guard case let .valid(packed) = CheckedArrayFile.read(plan.descriptorFile(clip, in: runFolder)) else { Issue.record("no cache for \(clip.name)"); continue }
            let cached = try DescribedClip(packed: packed, file: plan.descriptorFile(clip, in: runFolder))
            let mine = try ClipFeatureFile.read(FeatureExtraction.featuresFile(input, in: reduced), requirePositions: true)
            #expect(plan.settings.descriptors.storage == .float16)
            #expect(FloatPrecision.float16.rounded(mine.features).storage.map(\.bitPattern) == cached.clip.descriptors.storage.map(\.bitPattern), "\(clip.name)")
            // Unreduced: the same super-blocks, full-width codes whose norms are the cached magnitudes
            // and whose projection by the run's PCA gives the cached rows (to float32 rounding, then the
            // cache's half precision: a relative 2^-11 at most).
            let codes = try ClipFeatureFile.read(FeatureExtraction.featuresFile(input, in: full), width: reduction.inputDimension).features
            #expect(codes.rows == packed.rows)
            for r in 0..<codes.rows {
                let norm = codes.row(r).reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
                #expect(abs(norm - Double(cached.clip.magnitudes[r])) <= 1e-5 * max(norm, 1) + norm * 0x1p-11)
            }
            let projected = reduction.transform(codes)
            let scale = cached.clip.descriptors.storage.map { abs($0) }.max() ?? 1
            #expect(zip(projected.storage, cached.clip.descriptors.storage).allSatisfy { abs($0 - $1) <= 1e-4 * max(scale, 1) + abs($0) * 0x1p-11 })
        }
        // Centres: 64 x 64 clips are 32 x 32 at half size (no crop); a 6 x 12 x 12 super-block at the
        // origin covers source pixels 0...23, centre 11.5, frames 0...5, centre 2.5; steps 3, 6, 6 (12 source pixels).
        let positions = try ClipFeatureFile.read(FeatureExtraction.featuresFile(inputs[0], in: reduced), requirePositions: true).positions!
        #expect(Array(positions.storage.prefix(6)) == [2.5, 11.5, 11.5, 2.5, 11.5, 23.5])
        let index = ExtractionIndex.read(reduced.appendingPathComponent("index.csv"))
        #expect(index.count == inputs.count && index.allSatisfy { $0.status == .extracted && $0.width == 64 && $0.height == 64 && $0.frames == 16 })
    }

    @Test("at the clip level each clip's row is the run's cached encoding, bit for bit")
    func clipLevelEqualsTheEncodingCache() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let (plan, runFolder) = try Self.run.get()
        let inputs = try VideoInputs.clips(of: .hollywood2, root: bench.dataset)
        let out = try folder("extract-clip")
        let summary = try FeatureExtraction(inputs: inputs, output: out, model: nil, settings: nil, encodeWith: runFolder).run()
        #expect(summary.count(.extracted) == inputs.count && summary.width == bench.settings.vocabulary.words)
        let cache = EvaluationPlan.cache(in: runFolder)
        let encodings = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first { $0.hasPrefix("encodings-") })
        for clip in plan.clips {
            let input = try #require(inputs.first { $0.file.standardizedFileURL.path == URL(fileURLWithPath: clip.file).standardizedFileURL.path })
            guard case let .valid(cached) = CheckedArrayFile.read(cache.appendingPathComponent(encodings).appendingPathComponent(clip.name + ".npy")) else {
                Issue.record("no cached encoding of \(clip.name)"); continue
            }
            let mine = try ClipFeatureFile.read(FeatureExtraction.featuresFile(input, in: out))
            #expect(mine.positions == nil && mine.features.rows == 1)
            #expect(mine.features.storage.map(\.bitPattern) == cached.storage.map(\.bitPattern), "\(clip.name)")
        }
    }

    @Test("a rerun keeps valid clips, redoes a damaged one, skips an undecodable clip with its reason; shards add up to the whole")
    func resumeSkipAndShards() throws {
        let bench = try TinyMotionBenchmark.shared.get()
        let scratch = try ScratchFolder("extract-inputs")
        defer { scratch.remove() }
        let clips = try VideoInputs.clips(of: .hollywood2, root: bench.dataset).prefix(5).map(\.file)
        try FileManager.default.createDirectory(at: scratch.path("videos/sub"), withIntermediateDirectories: true)
        for clip in clips { try FileManager.default.copyItem(at: clip, to: scratch.path("videos/" + clip.lastPathComponent)) }
        try FileManager.default.copyItem(at: clips[0], to: scratch.path("videos/sub/again.avi"))
        _ = try scratch.write("not a video", to: "videos/broken.avi")
        let inputs = try VideoInputs.resolve([scratch.path("videos")])
        #expect(inputs.map(\.name).contains("sub/again") && inputs.count == 7)
        let out = try folder("extract-resume")
        let extraction = FeatureExtraction(inputs: inputs, output: out, model: bench.model, settings: bench.settings)
        let first = try extraction.run()
        #expect(first.count(.extracted) == 6 && first.count(.skipped) == 1)
        let skipped = try #require(first.index.rows.first { $0.status == .skipped })
        #expect(skipped.clip == "broken" && skipped.reason.contains("broken.avi"))
        let again = try #require(inputs.first { $0.name == "sub/again" })
        #expect(try ClipFeatureFile.read(FeatureExtraction.featuresFile(again, in: out)).features
                == ClipFeatureFile.read(FeatureExtraction.featuresFile(inputs.first { $0.file.lastPathComponent == clips[0].lastPathComponent }!, in: out)).features)

        // Damage one file: only it is redone, the others are kept with their recorded frames and seconds.
        let damaged = FeatureExtraction.featuresFile(inputs[1], in: out)
        let before = try Data(contentsOf: damaged)
        try before.prefix(before.count - 8).write(to: damaged)
        let second = try extraction.run()
        #expect(second.count(.extracted) == 1 && second.count(.kept) == 5 && second.count(.skipped) == 1)
        #expect(try Data(contentsOf: damaged) == before)
        #expect(second.index.rows.filter { $0.status == .kept }.allSatisfy { $0.frames == 16 && $0.seconds != nil })

        // Shards 0/2 and 1/2 into a fresh folder give the same files and one merged index.
        let sharded = try folder("extract-shards")
        for i in [1, 0] {
            var shard = extraction
            shard.output = sharded
            shard.shard = try ClipShard(index: i, count: 2)
            #expect(try shard.run().index.rows.count == (i == 0 ? 4 : 3))
        }
        for input in inputs where input.name != "broken" {
            #expect(try Data(contentsOf: FeatureExtraction.featuresFile(input, in: sharded)) == Data(contentsOf: FeatureExtraction.featuresFile(input, in: out)))
        }
        #expect(ExtractionIndex.read(sharded.appendingPathComponent("index.csv")).map(\.clip) == inputs.map(\.name))

        // Another model into the same folder is refused, naming the record.
        let other = FeatureExtraction(inputs: inputs, output: out, model: try bench.randomModel(), settings: bench.settings)
        #expect { try other.run() } throws: { "\($0)".contains("extraction.json: its features were extracted with model") }
    }
}
