@testable import Learners
import Linalg
import Testing

/// Central finite differences of a double-precision reference cost.
func numericalGradient(of cost: ([Double]) -> Double, at point: [Double], step: Double = 1e-6) -> [Double] {
    var probe = point
    return point.indices.map { i in
        probe[i] = point[i] + step
        let plus = cost(probe)
        probe[i] = point[i] - step
        let minus = cost(probe)
        probe[i] = point[i]
        return (plus - minus) / (2 * step)
    }
}

/// The objective's gradient (`scale 1, decay 0`) and batch cost at `parameters` on the rows of `data`,
/// both vectors in the stored order.
func analyticGradient(_ objective: some GradientObjective, parameters stored: [Float], data: Matrix) -> (gradient: [Float], cost: Double) {
    let parameters = objective.stepLayout(stored)
    var gradient = [Float](repeating: 0, count: parameters.count)
    var random = SeededRandom(seed: 1)
    let stats = parameters.withUnsafeBufferPointer { p in
        data.storage.withUnsafeBufferPointer { x in
            gradient.withUnsafeMutableBufferPointer { g in
                objective.step(parameters: p.baseAddress!, batch: x.baseAddress!, rows: data.rows, update: g.baseAddress!,
                               scale: 1, decay: 0, random: &random)
            }
        }
    }
    return (objective.storedLayout(gradient), stats.cost)
}

/// Checks an objective's gradient and cost against a double-precision reference cost by finite differences.
func checkGradient(_ objective: some GradientObjective, parameters: [Float], data: Matrix,
                   reference: ([Double], Matrix) -> Double, tolerance: Double = 2e-3) {
    let (gradient, cost) = analyticGradient(objective, parameters: parameters, data: data)
    let point = parameters.map(Double.init)
    let expectedCost = reference(point, data)
    #expect(abs(cost - expectedCost) <= 1e-4 * max(1, abs(expectedCost)), "cost \(cost) vs reference \(expectedCost)")
    let numeric = numericalGradient(of: { reference($0, data) }, at: point)
    let scale = max(numeric.map(abs).max() ?? 1, 1e-3)
    var worst = 0.0
    for (a, n) in zip(gradient, numeric) { worst = max(worst, abs(Double(a) - n) / scale) }
    #expect(worst < tolerance, "largest gradient error \(worst) relative to \(scale)")
}
