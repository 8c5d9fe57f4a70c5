import Foundation
@testable import Learners
import Linalg
import Testing
import TestSupport

@Suite struct ModelBundleTests {
    static func trainedModels() throws -> [any LearnedModel] {
        let data = structuredData(rows: 120, dimension: 8)
        let blocks = shiftingBlocks(rows: 60, frames: 2, d: 4)
        let sgd = quickSGD(epochs: 2)
        return [
            try ZeroBiasAutoencoder.Configuration(activation: .trec, features: 5, sgd: sgd).fit(data, seed: 1),
            try ZeroBiasAutoencoder.Configuration(activation: .tlin, features: 5, sgd: sgd).fit(data, seed: 1),
            try ContractiveAutoencoder.Configuration(features: 5, strength: -3, sgd: sgd).fit(data, seed: 1),
            try CovarianceAutoencoder.Configuration(features: 4, factors: 6, sgd: sgd).fit(data, seed: 1),
            try GatedRBM.Configuration(features: 4, factors: 3, framesPerBlock: 2, frameDimension: 4, sgd: sgd).fit(blocks, seed: 1),
            try SphericalKMeans.Configuration(features: 5, iterations: 2).fit(data, seed: 1),
        ]
    }

    @Test func savedAndLoadedBundlesEncodeIdentically() throws {
        let raw = structuredData(rows: 120, dimension: 12, seed: 3)
        let pca = try PCA.fit(raw, keep: .count(8), whiten: true)
        for model in try Self.trainedModels() {
            let folder = (try ScratchFolder(model.kind.rawValue).url)
            defer { try? FileManager.default.removeItem(at: folder) }
            let bundle = ModelBundle(model: model, pca: model.inputDimension == 8 ? pca : nil,
                                     trainingData: .init(source: "test", blocks: 120), settings: .object(["seed": .number(3)]))
            try bundle.write(to: folder)
            try bundle.write(to: folder)   // replacing an existing bundle works too
            #expect(ModelBundle.peekKind(at: folder) == model.kind)
            let loaded = try ModelBundle.load(from: folder)
            #expect(loaded.model.kind == model.kind && loaded.trainingData == bundle.trainingData && loaded.settings == bundle.settings)
            #expect(loaded.pca == bundle.pca)
            #expect(loaded.model.record == model.record)
            let inputs = structuredData(rows: 7, dimension: model.inputDimension, seed: 99)
            for inference in Inference.allCases {
                #expect(loaded.model.encode(inputs, inference: inference) == model.encode(inputs, inference: inference))
            }
            #expect(loaded.model.encode(inputs) == model.encode(inputs))
        }
    }

    @Test("a format-1 bundle (facts as strings) loads into the typed sections")
    func format1BundlesStillLoad() throws {
        let model = try Self.trainedModels()[0]
        let folder = (try ScratchFolder("format1").url)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ModelBundle(model: model).write(to: folder)
        let manifest = folder.appendingPathComponent(ModelBundle.manifestName)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
        json["version"] = 1
        json["metadata"] = ["block_shape": "4x2x2", "remove_dc": "true", "contrast_normalize": "false", "whitening": "block",
                            "half_size": "true", "crop_multiple": "16", "data": "clips", "blocks": "120",
                            "pipeline_settings": #"{"model": {"seed": 4}}"#]
        try JSONSerialization.data(withJSONObject: json).write(to: manifest)
        let loaded = try ModelBundle.load(from: folder)
        #expect(loaded.preprocessing == .init(blockShape: [4, 2, 2], removeDC: true, contrastNormalize: false, whitening: .block))
        #expect(loaded.decoding == .init(halfSize: true, cropMultiple: 16) && loaded.trainingData == .init(source: "clips", blocks: 120))
        #expect(loaded.settings == .object(["model": .object(["seed": .number(4)])]))
    }

    @Test("a bundle from a future format, an arrays record that disagrees, or a non-positive PCA variance is refused, naming the file")
    func inconsistentBundlesAreRefused() throws {
        let model = try Self.trainedModels()[0]
        let folder = (try ScratchFolder("inconsistent").url)
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = folder.appendingPathComponent(ModelBundle.manifestName)
        func rewrite(_ change: (inout [String: Any]) -> Void) throws {
            try ModelBundle(model: model, pca: try PCA.fit(structuredData(rows: 60, dimension: 12), keep: .count(8), whiten: true))
                .write(to: folder)
            var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
            change(&json)
            try JSONSerialization.data(withJSONObject: json).write(to: manifest)
        }
        try rewrite { $0["version"] = 3 }
        #expect { try ModelBundle.load(from: folder) } throws: { "\($0)".contains(manifest.path) && "\($0)".contains("newer zae-video") }
        try rewrite { $0["arrays"] = ["W": [8, 99], "c": [8]] }
        #expect { try ModelBundle.load(from: folder) } throws: { "\($0)".contains(manifest.path) && "\($0)".contains("W as [8, 99]") }
        try rewrite { _ in }
        let variances = folder.appendingPathComponent("pca_variances.npy")
        try NPYArray([Float](repeating: 0, count: 8)).write(to: variances)
        #expect { try ModelBundle.load(from: folder) } throws: { "\($0)".contains(variances.path) && "\($0)".contains("positive") }
    }

    @Test func missingOrMisshapenArraysAreNamedOnLoad() throws {
        let model = try Self.trainedModels()[0]
        let folder = (try ScratchFolder("broken").url)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ModelBundle(model: model).write(to: folder)
        let c = folder.appendingPathComponent("c.npy")
        try NPYArray([Float](repeating: 0, count: 3)).write(to: c)
        #expect(throws: LearnerError.shapeMismatch(path: c.path, expected: [8], found: [3])) { try ModelBundle.load(from: folder) }
        try FileManager.default.removeItem(at: c)
        #expect(throws: LearnerError.missingArray(path: c.path)) { try ModelBundle.load(from: folder) }
        #expect(ModelBundle.peekKind(at: folder.appendingPathComponent("nothing")) == nil)
        #expect(throws: LearnerError.self) { try ModelBundle.load(from: folder.appendingPathComponent("nothing")) }
    }

    @Test(.enabled(if: Numpy.isAvailable, "python3 with numpy is not installed"))
    func numpyReadsTheArrays() throws {
        let model = try Self.trainedModels()[2] as! ContractiveAutoencoder
        let folder = (try ScratchFolder("numpy").url)
        defer { try? FileManager.default.removeItem(at: folder) }
        try ModelBundle(model: model).write(to: folder)
        let script = """
        import json, numpy, sys
        d = sys.argv[1]
        m = json.load(open(d + '/model.json'))
        W = numpy.load(d + '/W.npy'); b = numpy.load(d + '/b.npy')
        assert W.shape == tuple(m['arrays']['W']) and W.dtype == numpy.float32, W.shape
        print(repr(float(W[1, 2])), repr(float(b[3])), m['kind'], len(m['history']))
        """
        let text = try Numpy.run(script, arguments: [folder.path])
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(text.count == 4)
        #expect(Float(text[0]) == model.weights[1, 2] && Float(text[1]) == model.hiddenBias[3])
        #expect(text[2] == "cae" && text[3] == "2")
    }
}

@Suite("Model manifest errors in one line")
struct ModelManifestErrorTests {
    @Test("a manifest without kind, with a huge or fractional version, a wrong type or an unknown kind says the key, what it found and what is allowed")
    func manifestErrorsNameKeyFoundAndAllowed() throws {
        let model = try ModelBundleTests.trainedModels()[0]
        let folder = try ScratchFolder("manifest-errors")
        defer { folder.remove() }
        let manifest = folder.path(ModelBundle.manifestName)
        func load(_ change: (inout String) -> Void) throws -> String {
            try ModelBundle(model: model).write(to: folder.url)
            var text = try String(contentsOf: manifest, encoding: .utf8)
            change(&text)
            try text.write(to: manifest, atomically: true, encoding: .utf8)
            do { _ = try ModelBundle.load(from: folder.url) } catch { return "\(error)" }
            Issue.record("loaded")
            return ""
        }
        func replacing(_ key: String, with value: String) -> (inout String) -> Void {
            { text in text = text.replacingOccurrences(of: #"("\#(key)" : )[^,\n]*"#, with: "$1\(value)", options: .regularExpression) }
        }
        let prefix = "\(manifest.path): malformed model manifest: "
        #expect(try load { $0 = $0.replacingOccurrences(of: #""kind" : "trec","#, with: "") } == prefix + "\"kind\" is missing; it is required")
        #expect(try load(replacing("version", with: "1e20")) == prefix + "\"version\" is 1e+20; it is out of range")
        #expect(try load(replacing("version", with: "1.5")) == prefix + "\"version\" is 1.5; it must be a whole number")
        #expect(try load(replacing("featureCount", with: "true")) == prefix + "\"featureCount\" is true; it must be a whole number")
        #expect(try load(replacing("kind", with: "\"resnet\"")) == prefix + "\"kind\" is \"resnet\"; it must be one of trec, tlin, cae, covae, grbm, kmeans")
        #expect(try load(replacing("inference", with: "\"fast\"")) == prefix + "\"inference\" is \"fast\"; it must be one of \(Inference.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}

@Suite("Bundle files that are not files")
struct BundleFileKindTests {
    @Test("a bundle file that is a FIFO, a link to /dev/zero, a symbolic link loop, a dangling link or a folder is named for what it is")
    func namesWhatTheFileIs() throws {
        let model = try ModelBundleTests.trainedModels()[0]
        let folder = try ScratchFolder("bundle-kinds")
        defer { folder.remove() }
        let fm = FileManager.default
        let makers: [((URL) throws -> Void, String)] = [
            ({ #expect(mkfifo($0.path, 0o644) == 0) }, "a FIFO (named pipe), not a regular file"),
            ({ try fm.createSymbolicLink(atPath: $0.path, withDestinationPath: "/dev/zero") },
             "a character device, not a regular file (a symbolic link to /dev/zero)"),
            ({ try fm.createSymbolicLink(atPath: $0.path, withDestinationPath: $0.lastPathComponent) }, "a symbolic link loop"),
            ({ try fm.createSymbolicLink(atPath: $0.path, withDestinationPath: "/nonexistent/x") },
             "a symbolic link to /nonexistent/x, which is missing"),
            ({ try fm.createDirectory(at: $0, withIntermediateDirectories: false) }, "a folder, not a file"),
        ]
        for (make, kind) in makers {
            for file in ["W.npy", ModelBundle.manifestName] {
                try ModelBundle(model: model).write(to: folder.url)
                let url = folder.path(file)
                try fm.removeItem(at: url)
                try make(url)
                let expected = file == "W.npy" ? "\(url.path): cannot read array: \(kind)" : "\(folder.url.path) is not a model bundle: its model.json is \(kind)"
                #expect { try ModelBundle.load(from: folder.url) } throws: { "\($0)" == expected }
            }
        }
    }
}

@Suite("Bundle writes keep what is not theirs")
struct BundleWriteOwnershipTests {
    @Test("writing a bundle into a folder holding other files (learn --force) replaces only the bundle's own files")
    func keepsUnrelatedFiles() throws {
        let models = try ModelBundleTests.trainedModels()
        let folder = try ScratchFolder("bundle-owned")
        defer { folder.remove() }
        try ModelBundle(model: models[3]).write(to: folder.url)   // a covAE bundle, with arrays a TRec one lacks
        let covaeArrays = Set(models[3].arrays.keys).subtracting(models[0].arrays.keys)
        #expect(!covaeArrays.isEmpty)
        try folder.write("mine", to: "notes.txt")
        try folder.write("mine too", to: "results/keep.txt")
        try ModelBundle(model: models[0]).write(to: folder.url)
        #expect(try String(contentsOf: folder.path("notes.txt"), encoding: .utf8) == "mine")
        #expect(try String(contentsOf: folder.path("results/keep.txt"), encoding: .utf8) == "mine too")
        #expect(try ModelBundle.load(from: folder.url).model.kind == models[0].kind)
        for name in covaeArrays { #expect(!FileManager.default.fileExists(atPath: folder.path("\(name).npy").path), "\(name).npy left behind") }
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.url.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(folder.url.lastPathComponent).tmp-") }
        #expect(hidden.isEmpty)
    }
}
