/// The normalisations applied to VLAD and Fisher vectors (Perronnin et al. 2010): the signed square
/// root ("power normalisation" with exponent 0.5), then scaling to unit Euclidean length.
public enum EncodingNormalization {
    /// Replaces each value z by `sign(z) sqrt(|z|)`.
    public static func signedSquareRoot(_ values: inout [Float]) {
        for i in values.indices {
            let z = values[i]
            values[i] = z < 0 ? -(-z).squareRoot() : z.squareRoot()
        }
    }

    /// Scales `values` to Euclidean length 1 (summed in double precision); an all-zero vector stays zero.
    public static func l2Normalize(_ values: inout [Float]) {
        let length = values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        guard length > 0 else { return }
        for i in values.indices { values[i] = Float(Double(values[i]) / length) }
    }

    /// The signed square root, then L2 normalisation.
    public static func powerAndL2(_ values: inout [Float]) {
        signedSquareRoot(&values)
        l2Normalize(&values)
    }
}
