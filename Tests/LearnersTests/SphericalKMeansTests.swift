@testable import Learners
import Linalg
import Testing

@Suite struct SphericalKMeansTests {
    @Test func costNeverRisesAndCentroidsStayUnitLength() throws {
        let data = structuredData(rows: 500, dimension: 12, latent: 6, noise: 0.3)
        let configuration = SphericalKMeans.Configuration(features: 10, iterations: 15, chunkRows: 64)
        let model = try configuration.fit(data, seed: 4)
        let costs = model.record.epochs.map(\.cost)
        #expect(zip(costs, costs.dropFirst()).allSatisfy { $1 <= $0 + 1e-6 * abs($0) }, "\(costs)")
        #expect(costs.last! < costs.first!)
        for j in 0..<10 {
            let norm = model.centroids.column(j).reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
        #expect(try configuration.fit(data, seed: 4).centroids == model.centroids)
    }

    @Test func naturalCodeKeepsOnlyTheWinningProjection() throws {
        let data = structuredData(rows: 100, dimension: 6)
        let model = try SphericalKMeans.Configuration(features: 4, iterations: 3).fit(data, seed: 1)
        let codes = model.encode(data, inference: .natural)
        let projections = Matrix.product(data, .none, model.centroids, .none)
        for n in 0..<data.rows {
            let row = codes.row(n)
            #expect(row.filter { $0 != 0 }.count == 1)
            #expect(row.map(abs).max()! == projections.row(n).map(abs).max()!)
        }
        #expect(model.encode(data).storage.allSatisfy { $0 >= 0 })
    }
}
