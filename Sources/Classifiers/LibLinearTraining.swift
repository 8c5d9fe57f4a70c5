import CLibLinear
import Linalg

/// One liblinear training run on dense features, shared by the linear classifiers: the rows become
/// liblinear's sparse rows (non-zero features, then a bias feature of value 1, regularised with the
/// weights as liblinear does), the model's weights are copied out and the model is freed.
enum LibLinearTraining {
    /// The trained weights: `K x classes.count` (column j scores `classes[j]`) and one bias per class.
    struct Weights {
        /// Class labels in liblinear's order.
        let classes: [Int]
        /// `K x classes.count`.
        let weights: Matrix
        /// One bias per class.
        let biases: [Float]
    }

    /// Trains liblinear's `solver` with cost `cost` on the rows of `features` (`N x K`) with one label each.
    static func train(features: Matrix, labels: [Int], solver: Int32, cost: Double, tolerance: Double) throws(LogisticRegression.Failure) -> Weights {
        guard features.rows == labels.count else {
            throw .invalidInput("\(features.rows) feature rows but \(labels.count) labels")
        }
        guard features.cols >= 1 else { throw .invalidInput("no features") }
        guard Set(labels).count >= 2 else { throw .invalidInput("training needs at least two classes") }
        guard cost > 0, cost.isFinite else { throw .invalidInput("cost C must be positive and finite, got \(cost)") }
        guard features.isFinite else { throw .invalidInput("features contain NaN or infinity") }

        let (n, k) = (features.rows, features.cols)
        // Sparse rows for liblinear: the non-zero features (1-based indices), the bias node, a -1 terminator.
        let nonZeros = features.storage.reduce(0) { $1 != 0 ? $0 + 1 : $0 }
        let nodes = UnsafeMutableBufferPointer<feature_node>.allocate(capacity: nonZeros + 2 * n)
        let rowStarts = UnsafeMutableBufferPointer<UnsafeMutablePointer<feature_node>?>.allocate(capacity: n)
        var targets = labels.map(Double.init)
        defer { nodes.deallocate(); rowStarts.deallocate() }
        features.storage.withUnsafeBufferPointer { x in
            var next = 0
            for r in 0..<n {
                rowStarts[r] = nodes.baseAddress! + next
                for c in 0..<k where x[r * k + c] != 0 {
                    nodes[next] = feature_node(index: Int32(c + 1), value: Double(x[r * k + c]))
                    next += 1
                }
                nodes[next] = feature_node(index: Int32(k + 1), value: 1)
                nodes[next + 1] = feature_node(index: -1, value: 0)
                next += 2
            }
        }
        set_print_string_function { _ in }
        let trained: Result<UnsafeMutablePointer<model>?, LogisticRegression.Failure> = targets.withUnsafeMutableBufferPointer { y in
            var problem = problem(l: Int32(n), n: Int32(k + 1), y: y.baseAddress, x: rowStarts.baseAddress, bias: 1)
            var parameter = parameter(solver_type: solver, eps: tolerance, C: cost, nr_weight: 0,
                                      weight_label: nil, weight: nil, p: 0.1, init_sol: nil)
            if let message = check_parameter(&problem, &parameter) {
                return .failure(.invalidInput("liblinear rejected its parameters: \(String(cString: message))"))
            }
            return .success(CLibLinear.train(&problem, &parameter))
        }
        guard let liblinearModel = try trained.get() else { throw .invalidInput("liblinear returned no model") }
        defer {
            var owned: UnsafeMutablePointer<model>? = liblinearModel
            free_and_destroy_model(&owned)
        }

        let classCount = Int(get_nr_class(liblinearModel))
        var classLabels = [Int32](repeating: 0, count: classCount)
        get_labels(liblinearModel, &classLabels)
        var weights = Matrix(rows: k, cols: classCount)
        for c in 0..<k {
            for j in 0..<classCount { weights[c, j] = Float(get_decfun_coef(liblinearModel, Int32(c + 1), Int32(j))) }
        }
        let biases = (0..<classCount).map { Float(get_decfun_bias(liblinearModel, Int32($0))) }
        return Weights(classes: classLabels.map(Int.init), weights: weights, biases: biases)
    }
}
