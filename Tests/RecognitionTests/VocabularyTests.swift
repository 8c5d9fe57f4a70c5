import Linalg
import Testing
@testable import Recognition

@Suite struct VocabularyTests {
    @Test func costNeverRises() throws {
        var random = SeededRandom(seed: 11)
        let data = random.normalMatrix(rows: 1500, cols: 8)
        let settings = KMeansSettings(clusters: 25, initializations: 2, maxIterations: 15, tolerance: 0, initialization: .randomRows, seed: 2)
        let vocabulary = try Vocabulary.fit(data, settings: settings)
        let history = vocabulary.costHistory
        #expect(history.count >= 2)
        for (a, b) in zip(history, history.dropFirst()) { #expect(b <= a * (1 + 1e-6)) }
        #expect(vocabulary.wordCount == 25 && vocabulary.dimension == 8)
    }

    @Test("progress covers the k-means++ seeding and every iteration, never goes back, and ends at exactly 1 when runs converge early")
    func progressCoversTheWholeFit() throws {
        var random = SeededRandom(seed: 3)
        let data = random.normalMatrix(rows: 2000, cols: 6)
        let settings = KMeansSettings(clusters: 200, initializations: 2, maxIterations: 50, tolerance: 1e-2,
                                      initialization: .kMeansPlusPlus(sampleSize: 1000), seed: 4)
        var fractions: [Double] = []
        let vocabulary = try Vocabulary.fit(data, settings: settings) { fractions.append($0) }
        #expect(vocabulary.costHistory.count < 50, "the tolerance should stop the kept run early")
        #expect(fractions.last == 1)
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 })
        // Seeding draws 199 centroids over 1,000 rows per run, an iteration compares 2,000 rows with 200
        // centroids: the first run's seeding is 199,000 / (2 * (199,000 + 50 * 400,000)) of the work, and
        // it is reported in steps (about a hundred), not in one jump at the first iteration.
        let seeding = fractions.filter { $0 <= 199_000 / (2 * (199_000 + 50 * 400_000.0)) + 1e-12 }
        #expect(seeding.count >= 90)
    }

    @Test func recoversSeparatedClusters() throws {
        var random = SeededRandom(seed: 5)
        let centres: [[Float]] = [[10, 0, 0], [-10, 0, 0], [0, 10, 0], [0, 0, -10]]
        var rows: [[Float]] = []
        for i in 0..<200 { rows.append(centres[i % 4].map { $0 + 0.2 * random.normal() }) }
        let vocabulary = try Vocabulary.fit(Matrix(rowArrays: rows), settings: KMeansSettings(clusters: 4, initializations: 3, seed: 1))
        let words = vocabulary.nearestWords(Matrix(rowArrays: rows))
        for c in 0..<4 {
            let mine = Set(stride(from: c, to: 200, by: 4).map { words[$0] })
            #expect(mine.count == 1)
            let w = try #require(mine.first)
            for d in 0..<3 { #expect(abs(vocabulary.centroids[w, d] - centres[c][d]) < 0.1) }
        }
        #expect(Set(words).count == 4)
    }

    @Test func nearestWordsMatchBruteForceAcrossTiles() {
        var random = SeededRandom(seed: 9)
        // More rows and centroids than one tile of each, and a width that is not a multiple of 16.
        let data = random.normalMatrix(rows: 300, cols: 7), centroids = random.normalMatrix(rows: 1100, cols: 7)
        let words = Vocabulary(centroids: centroids).nearestWords(data)
        for r in 0..<300 {
            let distances = (0..<1100).map { k in (0..<7).reduce(0.0) { $0 + pow2(Double(data[r, $1]) - Double(centroids[k, $1])) } }
            #expect(words[r] == distances.indices.min { distances[$0] < distances[$1] }!)
        }
    }

    @Test func weightedHistogramsAreL1Normalised() throws {
        let h = BagOfWords.histogram(words: [0, 2, 2, 1], weights: [1, 2, 3, 0], wordCount: 3)
        let expected: [Float] = [Float(1.0 / 6), 0, Float(5.0 / 6)]
        #expect(h == expected)
        #expect(BagOfWords.histogram(words: [1], weights: [0], wordCount: 2) == [0, 0])
        let vocabulary = Vocabulary(centroids: Matrix(rowArrays: [[0, 0], [10, 10]]))
        let clip = BagOfWords.histogram(descriptors: Matrix(rowArrays: [[1, 0], [9, 9], [0, 1]]), weights: [1, 2, 1], vocabulary: vocabulary)
        #expect(clip == [0.5, 0.5])
        #expect(abs(clip.reduce(0, +) - 1) < 1e-6)
    }

    @Test func refusesFewerDescriptorsThanWords() {
        #expect(throws: RecognitionError.self) {
            try Vocabulary.fit(Matrix(rows: 3, cols: 2), settings: KMeansSettings(clusters: 4))
        }
    }
}

private func pow2(_ x: Double) -> Double { x * x }
