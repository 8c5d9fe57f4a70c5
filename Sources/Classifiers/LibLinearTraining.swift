import CLibLinear
import Linalg

/// One liblinear training run on dense features, shared by the linear classifiers: the rows become
/// liblinear's sparse rows (non-zero features, then a bias feature of value 1, regularised with the
/// weights as liblinear does), the model's weights are copied out and the model is freed.
///
/// With more features than examples (Fisher vectors and VLAD: tens of thousands of values per clip,
/// tens or hundreds of clips) the problem is solved in the span of the examples instead: an
/// L2-regularised linear model's optimal weights lie in the span of its (bias-extended) examples,
/// and the objective depends on the examples only through their inner products, so training on
/// the examples' coordinates in an orthonormal basis of that span (from the eigendecomposition of
/// their Gram matrix `X X^T + 1`) and mapping the weights back gives the same optimum (liblinear's
/// Newton iterations are the same in any orthonormal basis), at a cost in the number of examples
/// rather than the number of features. Directions whose eigenvalue is below 1e-6 of the largest
/// (rounding noise of the float Gram matrix) are dropped.
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

    /// Trains `classifier` with cost `cost` on the rows of `features` (`N x K`) with one label each;
    /// in the span of the examples when `K + 1 > N`, unless `inSpan` says otherwise.
    static func train(features: Matrix, labels: [Int], classifier: LinearClassifier, cost: Double, tolerance: Double,
                      inSpan: Bool? = nil) throws(ClassifierError) -> Weights {
        guard features.rows == labels.count else {
            throw ClassifierError.linear(classifier, "\(features.rows) feature rows but \(labels.count) labels")
        }
        guard features.cols >= 1 else { throw ClassifierError.linear(classifier, "no features") }
        guard Set(labels).count >= 2 else { throw ClassifierError.linear(classifier, "training needs at least two classes") }
        guard cost > 0, cost.isFinite else { throw ClassifierError.linear(classifier, "cost C must be positive and finite, got \(cost)") }
        guard features.isFinite else { throw ClassifierError.linear(classifier, "features contain NaN or infinity") }
        if inSpan ?? (features.cols + 1 > features.rows) {
            return try trainInSpan(features: features, labels: labels, classifier: classifier, cost: cost, tolerance: tolerance)
        }
        return try liblinear(features: features, labels: labels, classifier: classifier, cost: cost, tolerance: tolerance, bias: true)
    }

    /// Trains on the examples' coordinates in an orthonormal basis of their span and maps the
    /// weights back: `w = X^T a`, `b = sum(a)` with `a = V L^(-1/2) w_span`.
    static func trainInSpan(features: Matrix, labels: [Int], classifier: LinearClassifier, cost: Double,
                            tolerance: Double) throws(ClassifierError) -> Weights {
        let n = features.rows
        var gram = Matrix.product(features, .none, features, .transposed)
        for i in 0..<gram.storage.count { gram.storage[i] += 1 }
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(gram) } catch { throw ClassifierError.linear(classifier, "\(error)") }
        let largest = eigen.values.first ?? 0
        let rank = eigen.values.prefix { $0 > largest * 1e-6 }.count
        guard rank >= 1 else { throw ClassifierError.linear(classifier, "the examples span nothing (all zero)") }
        var coordinates = Matrix(rows: n, cols: rank)
        for i in 0..<n {
            for j in 0..<rank { coordinates[i, j] = Float(Double(eigen.vectors[i, j]) * Double(eigen.values[j]).squareRoot()) }
        }
        let span = try liblinear(features: coordinates, labels: labels, classifier: classifier, cost: cost, tolerance: tolerance, bias: false)
        let classCount = span.classes.count
        var coefficients = Matrix(rows: n, cols: classCount)
        for i in 0..<n {
            for c in 0..<classCount {
                var sum = 0.0
                for j in 0..<rank { sum += Double(eigen.vectors[i, j]) / Double(eigen.values[j]).squareRoot() * Double(span.weights[j, c]) }
                coefficients[i, c] = Float(sum)
            }
        }
        let weights = Matrix.product(features, .transposed, coefficients, .none)
        let biases = (0..<classCount).map { c in Float((0..<n).reduce(0.0) { $0 + Double(coefficients[$1, c]) }) }
        return Weights(classes: span.classes, weights: weights, biases: biases)
    }

    /// One liblinear run on the rows of `features`, with a bias feature of value 1 when `bias`.
    static func liblinear(features: Matrix, labels: [Int], classifier: LinearClassifier, cost: Double, tolerance: Double,
                          bias: Bool) throws(ClassifierError) -> Weights {
        let (n, k) = (features.rows, features.cols)
        let extra = bias ? 1 : 0
        // Sparse rows for liblinear: the non-zero features (1-based indices), the bias node, a -1 terminator.
        let nonZeros = features.storage.reduce(0) { $1 != 0 ? $0 + 1 : $0 }
        let nodes = UnsafeMutableBufferPointer<feature_node>.allocate(capacity: nonZeros + (1 + extra) * n)
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
                if bias {
                    nodes[next] = feature_node(index: Int32(k + 1), value: 1)
                    next += 1
                }
                nodes[next] = feature_node(index: -1, value: 0)
                next += 1
            }
        }
        set_print_string_function { _ in }
        let trained: Result<UnsafeMutablePointer<model>?, ClassifierError> = targets.withUnsafeMutableBufferPointer { y in
            var problem = problem(l: Int32(n), n: Int32(k + extra), y: y.baseAddress, x: rowStarts.baseAddress, bias: bias ? 1 : -1)
            var parameter = parameter(solver_type: classifier.solver, eps: tolerance, C: cost, nr_weight: 0,
                                      weight_label: nil, weight: nil, p: 0.1, init_sol: nil)
            if let message = check_parameter(&problem, &parameter) {
                return .failure(ClassifierError.linear(classifier, "liblinear rejected its parameters: \(String(cString: message))"))
            }
            return .success(CLibLinear.train(&problem, &parameter))
        }
        guard let liblinearModel = try trained.get() else { throw ClassifierError.linear(classifier, "liblinear returned no model") }
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
        let biases = (0..<classCount).map { bias ? Float(get_decfun_bias(liblinearModel, Int32($0))) : 0 }
        return Weights(classes: classLabels.map(Int.init), weights: weights, biases: biases)
    }
}
