import Foundation

extension PeriodicImage {
    /// The image blurred by a Gaussian of standard deviation `sigma` pixels, wrapping around the
    /// edges (circular convolution), and divided by the root of the summed squared 2-D kernel weights
    /// so that independent unit-variance pixels stay unit-variance after the blur.
    ///
    /// The kernel is separable, `k(d) = exp(-d^2 / (2 sigma^2))` normalised to sum 1 over
    /// `|d| <= ceil(3 sigma)`; the 2-D kernel is `k(dx) k(dy)`, so the variance factor is
    /// `(sum_d k(d)^2)^2` and the scale `1 / sum_d k(d)^2`. `sigma` 0 returns the image unchanged.
    public func gaussianSmoothed(sigma: Double) -> PeriodicImage {
        precondition(sigma >= 0 && sigma.isFinite, "smoothing sigma must be finite and >= 0, got \(sigma)")
        guard sigma > 0 else { return self }
        let radius = Int((3 * sigma).rounded(.up))
        var kernel = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = kernel.reduce(0, +)
        kernel = kernel.map { $0 / total }
        let scale = 1 / kernel.reduce(0) { $0 + $1 * $1 }

        func wrap(_ i: Int, _ n: Int) -> Int { ((i % n) + n) % n }
        var rows = [Double](repeating: 0, count: pixels.count)
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0.0
                for (i, weight) in kernel.enumerated() { sum += weight * Double(pixels[y * width + wrap(x + i - radius, width)]) }
                rows[y * width + x] = sum
            }
        }
        var out = [Float](repeating: 0, count: pixels.count)
        for y in 0..<height {
            for x in 0..<width {
                var sum = 0.0
                for (i, weight) in kernel.enumerated() { sum += weight * rows[wrap(y + i - radius, height) * width + x] }
                out[y * width + x] = Float(sum * scale)
            }
        }
        return PeriodicImage(height: height, width: width, pixels: out)
    }
}
