import CLibSVM
import Foundation
import Linalg

/// The settings of the C-SVC.
public struct SVMSettings: Sendable, Equatable, Codable {
    /// The soft-margin cost C.
    public var cost: Double
    /// Weigh each class's errors by `n / (2 n_class)` so both classes count equally.
    public var balancedClassWeights: Bool
    /// libsvm's stopping tolerance.
    public var tolerance: Double
    /// libsvm's kernel cache in megabytes.
    public var cacheMegabytes: Double

    /// Settings; the defaults are the paper's protocol (C = 100, balanced class weights).
    public init(cost: Double = 100, balancedClassWeights: Bool = true, tolerance: Double = 1e-3, cacheMegabytes: Double = 200) {
        self.cost = cost
        self.balancedClassWeights = balancedClassWeights
        self.tolerance = tolerance
        self.cacheMegabytes = cacheMegabytes
    }
}

/// A binary libsvm C-SVC over a precomputed kernel; `scores` are decision values, positive on the
/// positive side whatever order libsvm put the labels in.
///
/// A trained model's libsvm text (`savedModel()`) loads back (`init(savedModel:trainingCount:)`)
/// into a classifier giving the same decision values to the last bit (libsvm writes its
/// coefficients with 17 significant digits).
///
/// libsvm's model points into the training nodes for its support vectors, so this object owns
/// those nodes (and the class-weight arrays its parameters point to) and frees them only after
/// the model; a loaded model owns its own. It is not shared across threads.
public final class SVMClassifier {
    /// The libsvm version the process runs, e.g. `3.24`.
    public static var libsvmVersion: String { "\(zae_libsvm_version() / 100).\(zae_libsvm_version() % 100)" }

    /// The buffers a model trained here points into.
    private struct TrainingBuffers {
        let nodes: UnsafeMutablePointer<svm_node>
        let weightLabels: UnsafeMutablePointer<Int32>
        let weights: UnsafeMutablePointer<Double>

        func deallocate() {
            nodes.deallocate()
            weightLabels.deallocate()
            weights.deallocate()
        }
    }

    private var model: UnsafeMutablePointer<svm_model>?
    private let buffers: TrainingBuffers?
    /// +1 when libsvm's decision value is positive for the positive class, else -1.
    private let sign: Double
    /// Number of training examples n.
    public let trainingCount: Int

    /// Silences libsvm's progress printing, once per process.
    private static let silenced: Void = svm_set_print_string_function { _ in }

    /// Trains on the `n x n` kernel between training examples with their labels (true = positive).
    public init(trainingKernel: Matrix, labels: [Bool], settings: SVMSettings = SVMSettings()) throws(ClassifierError) {
        let n = labels.count
        guard trainingKernel.rows == n, trainingKernel.cols == n else {
            throw .dimensionMismatch("training kernel is \(trainingKernel.rows) x \(trainingKernel.cols) for \(n) labels")
        }
        let positives = labels.filter { $0 }.count
        guard positives > 0, positives < n else { throw .singleClass(positives: positives, negatives: n - positives) }
        _ = Self.silenced
        trainingCount = n

        // PRECOMPUTED format: node 0 holds the example's 1-based serial number, nodes 1...n its
        // kernel values against every training example, then the index -1 terminator.
        let stride = n + 2
        let nodes = UnsafeMutablePointer<svm_node>.allocate(capacity: n * stride)
        var rows = [UnsafeMutablePointer<svm_node>?](repeating: nil, count: n)
        for i in 0..<n {
            let row = nodes + i * stride
            row[0] = svm_node(index: 0, value: Double(i + 1))
            for j in 0..<n { row[j + 1] = svm_node(index: Int32(j + 1), value: Double(trainingKernel[i, j])) }
            row[n + 1] = svm_node(index: -1, value: 0)
            rows[i] = row
        }
        var targets = labels.map { $0 ? 1.0 : -1.0 }

        let weightLabels = UnsafeMutablePointer<Int32>.allocate(capacity: 2)
        let weights = UnsafeMutablePointer<Double>.allocate(capacity: 2)
        let buffers = TrainingBuffers(nodes: nodes, weightLabels: weightLabels, weights: weights)
        weightLabels[0] = 1
        weightLabels[1] = -1
        weights[0] = settings.balancedClassWeights ? Double(n) / Double(2 * positives) : 1
        weights[1] = settings.balancedClassWeights ? Double(n) / Double(2 * (n - positives)) : 1
        var parameter = svm_parameter(svm_type: Int32(C_SVC), kernel_type: Int32(PRECOMPUTED), degree: 0, gamma: 0, coef0: 0,
                                      cache_size: settings.cacheMegabytes, eps: settings.tolerance, C: settings.cost,
                                      nr_weight: 2, weight_label: weightLabels, weight: weights, nu: 0, p: 0,
                                      shrinking: 1, probability: 0)

        let outcome: Result<UnsafeMutablePointer<svm_model>, ClassifierError> = targets.withUnsafeMutableBufferPointer { y in
            rows.withUnsafeMutableBufferPointer { x in
                var problem = svm_problem(l: Int32(n), y: y.baseAddress, x: x.baseAddress)
                if let message = svm_check_parameter(&problem, &parameter) { return .failure(.libsvm(String(cString: message))) }
                guard let trained = svm_train(&problem, &parameter) else { return .failure(.libsvm("training returned no model")) }
                return .success(trained)
            }
        }
        let trained: UnsafeMutablePointer<svm_model>
        switch outcome {
        case let .success(value): trained = value
        case let .failure(error):
            buffers.deallocate()
            throw error
        }
        model = trained
        self.buffers = buffers
        sign = Self.sign(of: trained)
    }

    /// Loads a model from libsvm's text (`savedModel()`) of a classifier trained on `trainingCount`
    /// examples; refuses text that is not a two-class precomputed-kernel C-SVC over that many examples.
    public init(savedModel: Data, trainingCount: Int) throws(ClassifierError) {
        _ = Self.silenced
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zae-svm-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: file) }
        do { try savedModel.write(to: file) } catch { throw .savedModel("cannot stage the model for libsvm: \(error)") }
        guard let loaded = svm_load_model(file.path) else { throw .savedModel("libsvm cannot parse it") }
        let m = loaded.pointee
        var labels: [Int32] = [0, 0]
        if m.nr_class == 2 { svm_get_labels(loaded, &labels) }
        let indices = (0..<Int(m.l)).map { Int(m.SV[$0]![0].value) }
        let problem: String? =
            m.param.svm_type != Int32(C_SVC) || m.param.kernel_type != Int32(PRECOMPUTED) ? "not a precomputed-kernel C-SVC"
            : m.nr_class != 2 || Set(labels) != [1, -1] ? "not a binary classifier with labels +1 and -1"
            : indices.contains(where: { !(1...max(trainingCount, 1)).contains($0) }) ? "a support vector lies outside the \(trainingCount) training examples"
            : nil
        if let problem {
            var owned: UnsafeMutablePointer<svm_model>? = loaded
            svm_free_and_destroy_model(&owned)
            throw .savedModel(problem)
        }
        model = loaded
        buffers = nil
        self.trainingCount = trainingCount
        sign = Self.sign(of: loaded)
    }

    deinit {
        svm_free_and_destroy_model(&model)
        buffers?.deallocate()
    }

    /// +1 when libsvm lists the positive label first (its decision value is then positive on the positive side).
    private static func sign(of model: UnsafeMutablePointer<svm_model>) -> Double {
        var order: [Int32] = [0, 0]
        svm_get_labels(model, &order)
        return order[0] == 1 ? 1 : -1
    }

    /// The model in libsvm's text format (what `svm_save_model` writes), for `init(savedModel:trainingCount:)`.
    public func savedModel() throws(ClassifierError) -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zae-svm-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: file) }
        guard svm_save_model(file.path, model) == 0, let data = try? Data(contentsOf: file) else {
            throw .savedModel("libsvm could not write it to \(file.path)")
        }
        return data
    }

    /// Decision values for the rows of `testKernel` (`m x n`: each test example's kernel values
    /// against the n training examples); larger means more confidently positive.
    public func scores(testKernel: Matrix) -> [Double] {
        precondition(testKernel.cols == trainingCount, "test kernel has \(testKernel.cols) columns for \(trainingCount) training examples")
        let n = trainingCount
        var row = [svm_node](repeating: svm_node(index: -1, value: 0), count: n + 2)
        row[0] = svm_node(index: 0, value: 0)
        for j in 0..<n { row[j + 1].index = Int32(j + 1) }
        var decision = 0.0
        return (0..<testKernel.rows).map { i in
            for j in 0..<n { row[j + 1].value = Double(testKernel[i, j]) }
            _ = svm_predict_values(model, row, &decision)
            return sign * decision
        }
    }
}
