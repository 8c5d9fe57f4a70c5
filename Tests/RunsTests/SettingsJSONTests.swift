import Datasets
import Foundation
import Learners
import Recognition
import Support
import Testing
@testable import Runs

/// Typed settings read and write the JSON that files, plans, reports and bundles written before
/// hold, byte for byte where fingerprints are taken; what cannot be typed is refused naming the setting.
@Suite("settings JSON")
struct SettingsJSONTests {
    /// Canonical JSON (what `Fingerprint.combine(json:)` mixes in) as text.
    func canonical(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.canonical().encode(value), as: UTF8.self)
    }

    /// The error reading `json` over the default video pipeline settings and validating them, as one line.
    func error(_ json: String) -> String {
        do { try SettingsFile.decode(Data(json.utf8), over: VideoPipelineSettings(), path: "p.json").validate() } catch { return "\(error)" }
        return "(no error)"
    }

    @Test("shape triples are [frames, height, width] lists: the fingerprinted sections encode as before the types")
    func shapesEncodeAsLists() throws {
        let settings = VideoPipelineSettings()
        #expect(try canonical(settings.descriptors)
                == #"{"pcaDimensions":100,"pcaSample":100000,"storage":"float16","stride":[7,10,10],"subBlockStride":4,"superBlock":[14,20,20]}"#)
        #expect(try canonical(settings.encoding.pyramid) == "[[1,1,1]]")
        var fingerprint = Fingerprint(), expected = Fingerprint()
        try fingerprint.combine(json: settings.descriptors)
        expected.combine(Data(#"{"pcaDimensions":100,"pcaSample":100000,"storage":"float16","stride":[7,10,10],"subBlockStride":4,"superBlock":[14,20,20]}"#.utf8))
        #expect(fingerprint == expected)
    }

    @Test("a file written before reads into the typed settings and writes back the same JSON")
    func oldFileRoundTrips() throws {
        let old = #"{"descriptors":{"pcaDimensions":12,"pcaSample":2000,"stride":[3,6,6],"subBlockStride":4,"superBlock":[6,12,12]},"#
            + #""encoding":{"folds":3,"gmmComponents":4,"gmmIterations":30,"gmmVarianceFloor":0.001,"kind":"fisher","#
            + #""linearCosts":[1],"pyramid":[[1,1,1],[1,2,2],[2,1,1]],"vladWords":64}}"#
        let read = try SettingsFile.decode(Data(old.utf8), over: VideoPipelineSettings(), path: "old.json")
        #expect(read.descriptors.superBlock == BlockShape(frames: 6, height: 12, width: 12))
        #expect(read.descriptors.stride == BlockShape(frames: 3, height: 6, width: 6))
        #expect(read.encoding.pyramid == [.whole, try PyramidGrid(frames: 1, height: 2, width: 2), try PyramidGrid(frames: 2, height: 1, width: 1)])
        // A pipeline file gives only what it changes: the storage key it predates takes today's default.
        #expect(read.descriptors.storage == .float16)
        let written = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(read)) as? [String: Any])
        var descriptors = try #require(written["descriptors"] as? [String: Any])
        #expect(descriptors.removeValue(forKey: "storage") as? String == "float16")
        let sections = try JSONSerialization.data(withJSONObject: ["descriptors": descriptors, "encoding": written["encoding"]!],
                                                  options: [.sortedKeys])
        #expect(String(decoding: sections, as: UTF8.self) == old)
    }

    @Test("a plan, report or recogniser written before descriptors.storage existed reads as float32, what its cache held; an unknown storage is refused naming the choices")
    func storageOfOlderFiles() throws {
        let old = #"{"pcaDimensions":12,"pcaSample":2000,"stride":[3,6,6],"subBlockStride":4,"superBlock":[6,12,12]}"#
        #expect(try JSONDecoder().decode(VideoPipelineSettings.Descriptors.self, from: Data(old.utf8)).storage == .float32)
        #expect(VideoPipelineSettings().descriptors.storage == .float16)
        let roundTrip = try JSONDecoder().decode(VideoPipelineSettings.self, from: JSONEncoder().encode(VideoPipelineSettings()))
        #expect(roundTrip == VideoPipelineSettings())
        #expect(error(#"{"descriptors": {"storage": "float8"}}"#).contains(#""descriptors.storage""#))
        #expect(error(#"{"descriptors": {"storage": "float8"}}"#).contains("float16, float32"))
    }

    @Test("a list of another length, or a pyramid grid without cells, is refused naming the setting")
    func badTriplesNamed() {
        #expect(error(#"{"descriptors": {"superBlock": [6, 12]}}"#)
                == #"p.json: setting "descriptors.superBlock" is [6,12]; it must be 3 positive values (frames, height, width)"#)
        #expect(error(#"{"descriptors": {"stride": [3, 6, 6, 1]}}"#)
                == #"p.json: setting "descriptors.stride" is [3,6,6,1]; it must be 3 positive values (frames, height, width)"#)
        #expect(error(#"{"encoding": {"pyramid": [[1, 1, 1], [1, 0, 2]]}}"#)
                == #"p.json: setting "encoding.pyramid.1" is [1,0,2]; it must be 3 positive values (frames, height, width)"#)
        #expect(error(#"{"encoding": {"pyramid": []}}"#)
                == #"invalid setting "encoding.pyramid" must hold at least one grid, e.g. [[1, 1, 1]]"#)
        // A block shape of three counts reads; a count below 1 is refused by validation, as before.
        #expect(error(#"{"descriptors": {"superBlock": [0, 12, 12]}}"#)
                == #"invalid setting "descriptors.superBlock" must be 3 positive values (frames, height, width), got [0, 12, 12]"#)
    }

    @Test("the training section is checked for the pipeline's learner only: K-means ignores the gradient learners' keys, the cAE the ZAE's theta and the factors")
    func trainingCheckedForTheLearner() {
        #expect(error(#"{"model": {"kind": "kmeans", "training": {"batchSize": 0, "theta": -1, "factors": -2, "momentum": 3}}}"#) == "(no error)")
        #expect(error(#"{"model": {"kind": "cae", "training": {"theta": -1, "factors": -2, "batchSize": 0}}}"#)
                == #"invalid setting "model.training.batchSize" must be at least 1, got 0"#)
        #expect(error(#"{"model": {"kind": "cae", "training": {"theta": -1, "factors": -2}}}"#) == "(no error)")
        #expect(error(#"{"model": {"kind": "kmeans", "training": {"kmeansIterations": -1}}}"#)
                == #"invalid setting "model.training.kmeansIterations" must not be negative (0: epochs), got -1"#)
        #expect(error(#"{"model": {"kind": "trec", "training": {"theta": -1}}}"#)
                == #"invalid setting "model.training.theta" must not be negative, got -1.0"#)
        #expect(error(#"{"model": {"kind": "grbm", "training": {"factors": -2}}}"#)
                == #"invalid setting "model.training.factors" must not be negative (0: as many as features), got -2"#)
    }
}
