import Foundation
import Learners
import Support
import Testing

/// The `training` section: flat keys, each owned by the learner kinds that use it (`LearnerKind.settings`),
/// checked only for them, and read as they were before the section was split by owner.
@Suite("learner settings owned per kind")
struct LearnerSettingsTests {
    /// `training` with `key` changed to another valid value.
    static func changed(_ key: LearnerSettings.Key, in training: LearnerSettings) -> LearnerSettings {
        var t = training
        switch key {
        case .epochs: t.epochs += 1
        case .warmupEpochs: t.warmupEpochs += 1
        case .learningRate: t.learningRate *= 2
        case .warmupLearningRate: t.warmupLearningRate *= 2
        case .momentum: t.momentum /= 2
        case .batchSize: t.batchSize += 1
        case .theta: t.theta += 0.5
        case .initialNorm: t.initialNorm *= 2
        case .contraction: t.contraction += 1
        case .factors: t.factors += 1
        case .kmeansIterations: t.kmeansIterations += 3
        }
        return t
    }

    /// `training` with `key` set to a value no learner can use.
    static func broken(_ key: LearnerSettings.Key, in training: LearnerSettings) -> LearnerSettings {
        var t = training
        switch key {
        case .epochs: t.epochs = 0
        case .warmupEpochs: t.warmupEpochs = -1
        case .learningRate: t.learningRate = 0
        case .warmupLearningRate: t.warmupLearningRate = -1
        case .momentum: t.momentum = 1
        case .batchSize: t.batchSize = 0
        case .theta: t.theta = -1
        case .initialNorm: t.initialNorm = 0
        case .contraction: t.contraction = .infinity
        case .factors: t.factors = -1
        case .kmeansIterations: t.kmeansIterations = -1
        }
        return t
    }

    /// The canonical JSON of the configuration `kind` builds from `training` (its whole state as trained).
    static func configuration(_ kind: ModelKind, _ training: LearnerSettings) throws -> Data {
        let request = LearnerKind.Request(features: 12, training: training, inputDimension: 40, frames: 2)
        return try JSONEncoder.canonical().encode(kind.learner.configuration(for: request))
    }

    @Test("a kind's configuration depends on exactly the keys it declares: the others cannot change how it trains",
          arguments: ModelKind.allCases)
    func declaredKeysAreTheOnesRead(_ kind: ModelKind) throws {
        let base = LearnerSettings()
        let reference = try Self.configuration(kind, base)
        for key in LearnerSettings.Key.allCases {
            let differs = try Self.configuration(kind, Self.changed(key, in: base)) != reference
            #expect(differs == kind.learner.settings.contains(key), "\(kind.rawValue): \(key.rawValue)")
        }
    }

    @Test("the owners as documented: SGD for the gradient learners, theta for the ZAEs, contraction for the cAE, factors for the factored models, iterations for K-means")
    func owners() {
        func owners(of key: LearnerSettings.Key) -> [ModelKind] { ModelKind.allCases.filter { $0.learner.settings.contains(key) } }
        for key in LearnerSettings.Key.sgd where key != .epochs { #expect(owners(of: key) == [.trec, .tlin, .cae, .covae, .grbm]) }
        #expect(owners(of: .epochs) == ModelKind.allCases)
        #expect(owners(of: .initialNorm) == [.trec, .tlin, .cae, .covae, .grbm])
        #expect(owners(of: .theta) == [.trec, .tlin])
        #expect(owners(of: .contraction) == [.cae])
        #expect(owners(of: .factors) == [.covae, .grbm])
        #expect(owners(of: .kmeansIterations) == [.kmeans])
    }

    @Test("a bad value is refused, naming its full path, for the kinds that use it and only for them",
          arguments: LearnerSettings.Key.allCases)
    func badKeyRefusedByItsOwners(_ key: LearnerSettings.Key) throws {
        let training = Self.broken(key, in: LearnerSettings())
        let checks = SettingChecks(prefix: "model.training.")
        for kind in ModelKind.allCases {
            if kind.learner.settings.contains(key) {
                #expect(throws: SettingError.self) { try training.validate(checks, for: [kind]) }
                do { try training.validate(checks, for: [kind]) } catch {
                    #expect(error.setting == "model.training.\(key.rawValue)", "\(kind.rawValue)")
                    #expect("\(error)".hasPrefix("invalid setting \"model.training.\(key.rawValue)\" "))
                }
            } else {
                #expect(throws: Never.self, "\(kind.rawValue) does not use \(key.rawValue)") { try training.validate(checks, for: [kind]) }
            }
        }
        // Several kinds: the key is checked when any of them uses it.
        let users = ModelKind.allCases.filter { $0.learner.settings.contains(key) }
        #expect(throws: SettingError.self) { try training.validate(checks, for: ModelKind.allCases) }
        #expect(!users.isEmpty)
    }

    @Test("the keys are the section's JSON keys, flat, as every file written before holds them")
    func keysAreTheJSONKeys() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(LearnerSettings())) as? [String: Any])
        #expect(Set(object.keys) == Set(LearnerSettings.Key.allCases.map(\.rawValue)))
        let json = #"{"batchSize":100,"contraction":1,"epochs":50,"factors":256,"initialNorm":1,"kmeansIterations":0,"#
            + #""learningRate":0.001,"momentum":0.9,"theta":1,"warmupEpochs":3,"warmupLearningRate":0.0001}"#
        #expect(String(decoding: try JSONEncoder.canonical().encode(LearnerSettings()), as: UTF8.self) == json)
        let old = #"{"batchSize":50,"contraction":-0.5,"epochs":7,"factors":0,"initialNorm":2,"kmeansIterations":4,"#
            + #""learningRate":0.01,"momentum":0.5,"theta":0.25,"warmupEpochs":1,"warmupLearningRate":0.002}"#
        let read = try JSONDecoder().decode(LearnerSettings.self, from: Data(old.utf8))
        #expect(read == LearnerSettings(epochs: 7, warmupEpochs: 1, learningRate: 0.01, warmupLearningRate: 0.002, momentum: 0.5,
                                        batchSize: 50, theta: 0.25, initialNorm: 2, contraction: -0.5, factors: 0, kmeansIterations: 4))
        #expect(String(decoding: try JSONEncoder.canonical().encode(read), as: UTF8.self) == old)
    }
}
