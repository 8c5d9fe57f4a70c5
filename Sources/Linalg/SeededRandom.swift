import Foundation

/// A small, fast, seedable random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Same seed, same sequence, on every platform: the project's experiments are reproducible from the
/// seed recorded in their manifests.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    private var spareNormal: Float?

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        func splitmix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform value in [0, 1).
    public mutating func uniform() -> Float {
        Float(next() >> 40) * (1.0 / Float(1 << 24))
    }

    /// A uniform integer in `0..<upperBound`.
    public mutating func int(below upperBound: Int) -> Int {
        Int.random(in: 0..<upperBound, using: &self)
    }

    /// A standard normal value (Box-Muller, both values of a pair used).
    public mutating func normal() -> Float {
        if let spare = spareNormal { spareNormal = nil; return spare }
        var u1: Double
        repeat { u1 = Double(next() >> 11) * 0x1.0p-53 } while u1 <= 0
        let u2 = Double(next() >> 11) * 0x1.0p-53
        let radius = (-2 * log(u1)).squareRoot()
        spareNormal = Float(radius * sin(2 * .pi * u2))
        return Float(radius * cos(2 * .pi * u2))
    }

    /// A von Mises sample with mean `mu` and concentration `kappa` (Best and Fisher, 1979), in radians.
    public mutating func vonMises(mu: Double = 0, kappa: Double) -> Double {
        if kappa < 1e-6 { return mu + Double.pi * (2 * Double(uniform()) - 1) }
        let tau = 1 + (1 + 4 * kappa * kappa).squareRoot()
        let rho = (tau - (2 * tau).squareRoot()) / (2 * kappa)
        let r = (1 + rho * rho) / (2 * rho)
        while true {
            let u1 = Double(next() >> 11) * 0x1.0p-53
            let z = cos(Double.pi * u1)
            let f = (1 + r * z) / (r + z)
            let c = kappa * (r - f)
            let u2 = Double(next() >> 11) * 0x1.0p-53
            if c * (2 - c) - u2 > 0 || log(c / u2) + 1 - c >= 0 {
                let u3 = Double(next() >> 11) * 0x1.0p-53
                let theta = u3 > 0.5 ? acos(f) : -acos(f)
                var angle = theta + mu
                angle = angle.truncatingRemainder(dividingBy: 2 * .pi)
                if angle > .pi { angle -= 2 * .pi } else if angle < -.pi { angle += 2 * .pi }
                return angle
            }
        }
    }

    /// A `rows x cols` matrix of independent standard normal values times `scale`.
    public mutating func normalMatrix(rows: Int, cols: Int, scale: Float = 1) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for i in 0..<m.storage.count { m.storage[i] = scale * normal() }
        return m
    }

    /// `count` distinct indices drawn from `0..<population` (partial Fisher-Yates), in draw order.
    public mutating func sample(_ count: Int, from population: Int) -> [Int] {
        precondition(count <= population, "cannot draw \(count) distinct items from \(population)")
        var pool = Array(0..<population)
        for i in 0..<count {
            let j = i + int(below: population - i)
            pool.swapAt(i, j)
        }
        return Array(pool[0..<count])
    }
}
