/// How rough a filter frame looks, as one number: for a `height x width` frame `f` with pixel
/// variance `var(f)` (about its mean),
///
///     roughness(f) = ( mean_{y,x} (f[y, x+1] - f[y, x])^2 / var(f)
///                    + mean_{y,x} (f[y+1, x] - f[y, x])^2 / var(f) ) / 2
///
/// the mean squared difference of neighbouring pixels over the variance, per axis, averaged over
/// the two axes. Independent pixels (white noise) give about 2, a plane wave of period `p` pixels
/// along one axis `(1 - cos(2 pi / p))` (0.08 for p = 16), a smooth blob less than 0.1.
public enum FilterRoughness {
    /// The roughness of one row-major `height x width` frame, or nil when the frame is constant
    /// (no variance) or has fewer than 2 pixels along an axis.
    public static func frame(_ pixels: ArraySlice<Float>, height: Int, width: Int) -> Double? {
        precondition(pixels.count == height * width, "\(pixels.count) pixels are not a \(height) x \(width) frame")
        guard height >= 2, width >= 2 else { return nil }
        let base = pixels.startIndex
        let mean = pixels.reduce(0.0) { $0 + Double($1) } / Double(pixels.count)
        let variance = pixels.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(pixels.count)
        guard variance > 0 else { return nil }
        var across = 0.0, down = 0.0
        for y in 0..<height {
            for x in 0..<width {
                let here = Double(pixels[base + y * width + x])
                if x + 1 < width { let d = Double(pixels[base + y * width + x + 1]) - here; across += d * d }
                if y + 1 < height { let d = Double(pixels[base + (y + 1) * width + x]) - here; down += d * d }
            }
        }
        across /= Double(height * (width - 1))
        down /= Double((height - 1) * width)
        return (across + down) / (2 * variance)
    }

    /// The median of the roughness of every non-constant frame of `filters` (0 when there is none).
    public static func median(of filters: PixelFilters) -> Double {
        let frameSize = filters.height * filters.width
        let values = filters.values.storage
        let roughness = stride(from: 0, to: values.count, by: frameSize).compactMap {
            frame(values[$0..<($0 + frameSize)], height: filters.height, width: filters.width)
        }.sorted()
        guard !roughness.isEmpty else { return 0 }
        let middle = roughness.count / 2
        return roughness.count % 2 == 1 ? roughness[middle] : (roughness[middle - 1] + roughness[middle]) / 2
    }
}
