import Linalg

/// Per-image preprocessing applied before PCA.
public enum ImagePreprocessing {
    /// Per-image contrast normalisation in the style of Coates, Lee and Ng (2011), on each row:
    ///
    ///     x_i <- (x_i - m) / sqrt(v + epsilon),  m = mean(x),  v = sum (x_i - m)^2 / (D - 1)
    ///
    /// `v` is the unbiased sample variance over the row's D values (as Matlab's `var`); `epsilon`
    /// keeps flat images from blowing up and is in squared pixel units: 10 suits 0...255 pixels.
    public static func contrastNormalized(_ images: Matrix, epsilon: Float = 10) -> Matrix {
        var out = images
        let d = images.cols
        guard d > 1 else { return out }
        out.storage.withUnsafeMutableBufferPointer { p in
            for r in 0..<images.rows {
                let row = UnsafeMutableBufferPointer(rebasing: p[(r * d)..<((r + 1) * d)])
                var sum: Double = 0
                for v in row { sum += Double(v) }
                let mean = sum / Double(d)
                var squares: Double = 0
                for v in row { squares += (Double(v) - mean) * (Double(v) - mean) }
                let scale = 1 / (squares / Double(d - 1) + Double(epsilon)).squareRoot()
                for i in row.indices { row[i] = Float((Double(row[i]) - mean) * scale) }
            }
        }
        return out
    }
}
