import Foundation
import Testing
@testable import Linalg

@Suite("Seeded randomness")
struct SeededRandomTests {
    @Test("same seed, same sequence; different seeds differ")
    func determinism() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let sa = (0..<10).map { _ in a.next() }
        #expect(sa == (0..<10).map { _ in b.next() })
        #expect(sa != (0..<10).map { _ in c.next() })
    }

    @Test("normal samples have mean 0 and variance 1; von Mises with kappa 1 has E[cos] = I1(1)/I0(1)")
    func distributions() {
        var rng = SeededRandom(seed: 5)
        let n = 100_000
        var sum = 0.0, sum2 = 0.0, cosSum = 0.0, sinSum = 0.0
        for _ in 0..<n {
            let z = Double(rng.normal()); sum += z; sum2 += z * z
            let angle = rng.vonMises(kappa: 1)
            #expect(angle >= -.pi && angle <= .pi)
            cosSum += cos(angle); sinSum += sin(angle)
        }
        #expect(abs(sum / Double(n)) < 0.02)
        #expect(abs(sum2 / Double(n) - 1) < 0.02)
        #expect(abs(cosSum / Double(n) - 0.446_390_6) < 0.01)   // I1(1) / I0(1)
        #expect(abs(sinSum / Double(n)) < 0.01)
    }

    @Test("sampling without replacement gives distinct indices in range")
    func sampling() {
        var rng = SeededRandom(seed: 9)
        let picked = rng.sample(50, from: 60)
        #expect(Set(picked).count == 50 && picked.allSatisfy { (0..<60).contains($0) })
    }
}
