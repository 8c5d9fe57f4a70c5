import CKMeansKernels
import Linalg
import Support

/// How K-means chooses its first centroids.
public enum KMeansInitialization: Sendable, Equatable, Codable {
    /// Distinct rows drawn uniformly at random.
    case randomRows
    /// k-means++ (Arthur and Vassilvitskii 2007) run on a random subsample of at most `sampleSize`
    /// rows, which bounds its cost (K passes over the sample) on millions of descriptors.
    case kMeansPlusPlus(sampleSize: Int)
}

/// Every hyperparameter of the vocabulary's K-means.
public struct KMeansSettings: Sendable, Equatable, Codable {
    /// Number of visual words K.
    public var clusters: Int
    /// Independent runs from different initial centroids; the one with the lowest cost is kept.
    public var initializations: Int
    /// Lloyd iterations per run at most.
    public var maxIterations: Int
    /// A run stops when an iteration lowers the cost by less than this fraction of it.
    public var tolerance: Double
    /// How each run's initial centroids are chosen.
    public var initialization: KMeansInitialization
    /// Seed of all random choices.
    public var seed: UInt64

    /// Settings; the defaults are the paper's 3,000 words with a few initialisations.
    public init(clusters: Int = 3000, initializations: Int = 3, maxIterations: Int = 30, tolerance: Double = 1e-4,
                initialization: KMeansInitialization = .kMeansPlusPlus(sampleSize: 60_000), seed: UInt64 = 0) {
        self.clusters = clusters
        self.initializations = initializations
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.initialization = initialization
        self.seed = seed
    }
}

/// A visual vocabulary: K centroids ("words") in descriptor space, fit by Euclidean K-means.
public struct Vocabulary: Sendable, Equatable {
    /// The words, one row each (`K x D`).
    public let centroids: Matrix
    /// The cost (sum of squared distances to the nearest word) of the fit's last assignment; the
    /// returned centroids, moved after it, cost at most this. Nil for a vocabulary made from stored centroids.
    public let cost: Double?
    /// The cost after each Lloyd iteration of the kept run (never rising).
    public let costHistory: [Double]
    /// The share of the kept run's row-centroid distances that its iterations computed (1 for
    /// plain Lloyd; below 1 where Yinyang's bounds settled them). Nil for stored centroids.
    public let computedDistanceFraction: Double?

    /// A vocabulary over stored centroids (`K x D`).
    public init(centroids: Matrix) {
        self.init(centroids: centroids, cost: nil, costHistory: [], computedDistanceFraction: nil)
    }

    init(centroids: Matrix, cost: Double?, costHistory: [Double], computedDistanceFraction: Double?) {
        self.centroids = centroids
        self.cost = cost
        self.costHistory = costHistory
        self.computedDistanceFraction = computedDistanceFraction
    }

    /// Number of words K.
    public var wordCount: Int { centroids.rows }
    /// Descriptor dimensionality D.
    public var dimension: Int { centroids.cols }

    /// Fits a vocabulary on the rows of `descriptors` (`N x D`, N >= K); `progress` hears the
    /// fraction of the work done, in [0, 1], during the k-means++ seeding and after every Lloyd
    /// iteration, ending with exactly 1. Work is counted in row-to-centroid distances: a seeding
    /// draws K - 1 centroids over its sample, a Lloyd iteration compares N rows with K centroids,
    /// and a run that converges early counts its remaining iterations as done. `search` chooses how
    /// the iterations assign rows (Yinyang's bounds by default: the same vocabulary, faster).
    public static func fit(_ descriptors: Matrix, settings: KMeansSettings = KMeansSettings(),
                           search: LloydIterations.Search = .yinyang,
                           progress: (_ fraction: Double) -> Void = { _ in }) throws(RecognitionError) -> Vocabulary {
        guard settings.clusters >= 1, settings.initializations >= 1, settings.maxIterations >= 1 else {
            throw .invalidSetting("K-means needs positive clusters, initialisations and iterations")
        }
        guard descriptors.rows >= settings.clusters else {
            throw .invalidSetting("K-means with \(settings.clusters) clusters needs at least as many descriptors, got \(descriptors.rows)")
        }
        var random = SeededRandom(seed: settings.seed)
        var best: Vocabulary?
        let seedingWork = Double(settings.clusters - 1) * Double(seedingSample(rows: descriptors.rows, settings: settings))
        let iterationWork = Double(descriptors.rows) * Double(settings.clusters)
        let runWork = seedingWork + Double(settings.maxIterations) * iterationWork
        let totalWork = Double(settings.initializations) * runWork
        for run in 0..<settings.initializations {
            let runStart = Double(run) * runWork
            let start = initialCentroids(descriptors, settings: settings, random: &random) { chosen in
                progress((runStart + seedingWork * chosen) / totalWork)
            }
            var lloyd = LloydIterations(data: descriptors, initialCentroids: start, search: search)
            var history: [Double] = []
            for iteration in 0..<settings.maxIterations {
                let cost = lloyd.step()
                history.append(cost)
                let converged = history.count >= 2 && history[history.count - 2] - cost <= settings.tolerance * cost
                let done = converged ? runWork : seedingWork + Double(iteration + 1) * iterationWork
                progress(run == settings.initializations - 1 && done == runWork ? 1 : (runStart + done) / totalWork)
                if converged { break }
            }
            if best == nil || history.last! < best!.cost! {
                best = Vocabulary(centroids: lloyd.centroids, cost: history.last!, costHistory: history,
                                  computedDistanceFraction: Double(lloyd.computedDistances) / (Double(history.count * descriptors.rows) * Double(settings.clusters)))
            }
        }
        return best!
    }

    /// The index of the nearest word for each row of `descriptors` (ties: the lower index).
    public func nearestWords(_ descriptors: Matrix) -> [Int] {
        var nearest = [Int32](repeating: 0, count: descriptors.rows)
        var scores = [Float](repeating: 0, count: descriptors.rows)
        let search = NearestCentroids(centroids: centroids)
        nearest.withUnsafeMutableBufferPointer { n in
            scores.withUnsafeMutableBufferPointer { s in
                search.search(descriptors, nearest: n.baseAddress!, scores: s.baseAddress!)
            }
        }
        return nearest.map(Int.init)
    }

    /// The rows a run's seeding looks at (0 for random rows, which costs nothing to speak of).
    static func seedingSample(rows: Int, settings: KMeansSettings) -> Int {
        guard case let .kMeansPlusPlus(sampleSize) = settings.initialization else { return 0 }
        return max(min(sampleSize, rows), settings.clusters)
    }

    /// Initial centroids for one run; `progress` hears the fraction of the seeding done.
    static func initialCentroids(_ data: Matrix, settings: KMeansSettings, random: inout SeededRandom,
                                 progress: (Double) -> Void = { _ in }) -> Matrix {
        switch settings.initialization {
        case .randomRows:
            return data.rows(at: random.sample(settings.clusters, from: data.rows))
        case .kMeansPlusPlus:
            let n = seedingSample(rows: data.rows, settings: settings)
            let sample = n == data.rows ? data : data.rows(at: random.sample(n, from: data.rows))
            return kMeansPlusPlus(sample, clusters: settings.clusters, random: &random, progress: progress)
        }
    }

    /// k-means++ seeding: each next centroid is a row drawn with probability proportional to its
    /// squared distance to the nearest centroid chosen so far. `progress` hears the fraction of the
    /// centroids drawn, about a hundred times.
    ///
    /// A row's distance to a new centroid is computed only when the triangle inequality allows it
    /// to be nearer than the row's nearest centroid so far: when the new centroid is at least twice
    /// the row's distance from that one (squared: four times, with a relative slack of 1e-4 far
    /// above the float rounding of either distance), the row is at least as far from the new one
    /// and its distance stays as it is. The distances, their sums and so the draws are those of
    /// the exhaustive pass, bit for bit. The distances are computed in parallel chunks of rows and
    /// summed in row order. (On structureless data such as `bench vocabulary`'s the inequality
    /// settles only about 5 % of the distances; clustered descriptors settle more.)
    static func kMeansPlusPlus(_ data: Matrix, clusters: Int, random: inout SeededRandom,
                               progress: (Double) -> Void = { _ in }) -> Matrix {
        let reportEvery = max(1, clusters / 100)
        let n = data.rows, d = data.cols
        var chosen = [random.int(below: n)]
        var distance = [Float](repeating: .infinity, count: n)
        // Per row, the position in `chosen` of its nearest centroid (-1 before the first).
        var owner = [Int32](repeating: -1, count: n)
        // Squared distances from the newest centroid to each earlier one, scaled by 1 / (4 (1 + slack)).
        var separation = [Float](repeating: 0, count: clusters)
        let scale: Float = 1 / (4 * (1 + 1e-4))
        let chunks = 8, chunkRows = (n + chunks - 1) / chunks
        data.storage.withUnsafeBufferPointer { x in
            while chosen.count < clusters {
                let newest = chosen.count - 1, last = x.baseAddress! + chosen[newest] * d
                for j in 0..<newest { separation[j] = scale * squaredDistance(x.baseAddress! + chosen[j] * d, last, count: d) }
                // The rows' distances in parallel chunks, their sum in row order.
                distance.withUnsafeMutableBufferPointer { distances in
                    owner.withUnsafeMutableBufferPointer { owners in
                        separation.withUnsafeBufferPointer { separations in
                            nonisolated(unsafe) let distance = distances.baseAddress!, owner = owners.baseAddress!
                            nonisolated(unsafe) let separation = separations.baseAddress!, x = x.baseAddress!, last = last
                            ParallelWork.forEach(chunks) { chunk, _ in
                                zae_seeding_pass(x, d, chunk * chunkRows, min((chunk + 1) * chunkRows, n), last, separation, owner,
                                                 distance, Int32(newest))
                            }
                        }
                    }
                }
                chosen.append(drawRow(distance, chosen: chosen, random: &random))
                if chosen.count % reportEvery == 0 || chosen.count == clusters {
                    progress(Double(chosen.count - 1) / Double(max(clusters - 1, 1)))
                }
            }
        }
        return data.rows(at: chosen)
    }

    /// The k-means++ draw: a row with probability proportional to its squared distance `distance`
    /// to the nearest centroid so far (summed and walked in row order), or the first row not in
    /// `chosen` when every distance is 0.
    static func drawRow(_ distance: [Float], chosen: [Int], random: inout SeededRandom) -> Int {
        let n = distance.count
        var total = 0.0
        for r in 0..<n { total += Double(distance[r]) }
        var target = Double(random.uniform()) * total
        var pick = n - 1
        for r in 0..<n {
            target -= Double(distance[r])
            if target < 0 { pick = r; break }
        }
        // All rows already coincide with centroids: fall back to any row not chosen yet.
        if total == 0 { pick = (0..<n).first { !chosen.contains($0) } ?? pick }
        return pick
    }
}
