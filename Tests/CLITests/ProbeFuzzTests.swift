import Foundation
import Testing
import TestSupport

/// Damaged copies of the fixture clips, made deterministically: bits flipped, truncations, zeroed
/// headers, zeroed ranges and bursts of garbage. Nothing is committed; the corpus is rebuilt per run.
enum MutantCorpus {
    /// What probe must say about a mutant, beyond not crashing or hanging.
    enum Expectation {
        /// Anything (some damage is harmless, some is only caught as a decoding error).
        case anything
        /// An error: the file is empty or holds a few bytes only.
        case failure
        /// An error, or exactly the original's frames and gray sum: only container headers were
        /// zeroed (the fixtures' frame data start after byte 5,600), so a decode that succeeds must
        /// be the original one, never a silently different one.
        case failureOrOriginal
    }

    /// A mutant's file name (saying what was done), bytes, and what probe must say.
    struct Mutant {
        var name: String
        var bytes: [UInt8]
        var expectation: Expectation
        /// The fixture it was made from.
        var original: String
    }

    /// SplitMix64: a small, fixed generator so every run makes the same corpus.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// 26 mutants of `original` (the fixture file `fixture`), named after it.
    static func mutants(of original: [UInt8], fixture: String, seed: UInt64) -> [Mutant] {
        let stem = String(fixture.dropLast(4))
        var random = Generator(state: seed)
        var out: [Mutant] = []
        for flips in [1, 2, 4, 8, 16, 32, 64, 128] {
            var bytes = original
            for _ in 0..<flips { bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8)) }
            out.append(Mutant(name: "\(stem)-flip\(flips).avi", bytes: bytes, expectation: .anything, original: fixture))
        }
        for length in [0, 1, 11, 100, 1000, original.count / 3, original.count / 2, original.count - 100] {
            out.append(Mutant(name: "\(stem)-cut\(length).avi", bytes: Array(original.prefix(length)),
                              expectation: length <= 100 ? .failure : .anything, original: fixture))
        }
        for length in [12, 64, 512, 2048] {
            out.append(Mutant(name: "\(stem)-zerohead\(length).avi", bytes: [UInt8](repeating: 0, count: length) + original.dropFirst(length),
                              expectation: .failureOrOriginal, original: fixture))
        }
        for index in 0..<3 {
            var bytes = original
            let start = 512 + random.below(bytes.count - 1024)
            for i in start..<(start + 256) { bytes[i] = 0 }
            out.append(Mutant(name: "\(stem)-zerorange\(index).avi", bytes: bytes, expectation: .anything, original: fixture))
        }
        for index in 0..<3 {
            var bytes = original
            let start = random.below(bytes.count - 64)
            for i in start..<(start + 64) { bytes[i] = UInt8(random.below(256)) }
            out.append(Mutant(name: "\(stem)-garbage\(index).avi", bytes: bytes, expectation: .anything, original: fixture))
        }
        return out
    }
}

/// Runs the binary with a deadline: the result, or nil when it had to be killed.
private func runWithDeadline(_ arguments: [String], seconds: Double, scratch: ScratchFolder) throws -> (reason: Process.TerminationReason, status: Int32, stdout: Data)? {
    let process = Process()
    process.executableURL = try #require(CLI.binary, "zae-video binary not found beside the tests")
    process.arguments = arguments
    let stdout = scratch.path("stdout-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: stdout.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: stdout)
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return nil
    }
    return (process.terminationReason, process.terminationStatus, try Data(contentsOf: stdout))
}

@Suite("probe on mutated clips", .tags(.slow), .timeLimit(.minutes(10)))
struct ProbeFuzzTests {
    @Test("flipped bits, truncations, zeroed headers and garbage never crash or hang probe; hopeless files are reported")
    func mutatedClips() throws {
        let scratch = try ScratchFolder("fuzz")
        defer { scratch.remove() }
        let fixtures = ["moving-dots-96x64.avi", "moving-gradient-64x48.avi"]
        var corpus: [MutantCorpus.Mutant] = []
        for (index, fixture) in fixtures.enumerated() {
            let original = [UInt8](try Data(contentsOf: TestPaths.fixtureVideos.appendingPathComponent(fixture)))
            corpus += MutantCorpus.mutants(of: original, fixture: fixture, seed: UInt64(index + 1))
        }
        let originals = try #require(try runWithDeadline(["probe", "--json"] + fixtures.map { TestPaths.fixtureVideos.appendingPathComponent($0).path },
                                                         seconds: 60, scratch: scratch))
        let originalReports = try #require(try JSONSerialization.jsonObject(with: originals.stdout) as? [[String: Any]])
        var graySums: [String: Int] = [:]
        for (fixture, report) in zip(fixtures, originalReports) { graySums[fixture] = try #require(report["gray_sum"] as? Int) }
        #expect(corpus.count == 52)
        for mutant in corpus { try scratch.write(mutant.bytes, to: mutant.name) }

        var failures = 0
        for batch in stride(from: 0, to: corpus.count, by: 13).map({ Array(corpus[$0..<min($0 + 13, corpus.count)]) }) {
            let paths = batch.map { scratch.path($0.name).path }
            // A batch of tiny files decodes in well under a second; 60 s means a hang.
            let result = try #require(try runWithDeadline(["probe", "--json"] + paths, seconds: 60, scratch: scratch),
                                      "probe hung on one of \(batch.map(\.name))")
            #expect(result.reason == .exit, "probe crashed (signal \(result.status)) on one of \(batch.map(\.name))")
            #expect(result.status == 0 || result.status == 1)
            let reports = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
            #expect(reports.map { $0["path"] as? String } == paths)
            for (mutant, report) in zip(batch, reports) {
                let error = report["error"] as? String
                if error != nil { failures += 1 }
                #expect(error == nil || error!.hasPrefix(scratch.path(mutant.name).path + ": "), "\(error ?? "")")
                #expect(error != nil || (report["frames"] as? Int ?? -1) >= 0)
                switch mutant.expectation {
                case .anything: break
                case .failure: #expect(error != nil, "\(mutant.name) was accepted")
                case .failureOrOriginal:
                    #expect(error != nil || (report["frames"] as? Int == 24 && report["gray_sum"] as? Int == graySums[mutant.original]),
                            "\(mutant.name) decoded to something other than its original")
                }
            }
        }
        // Some damage is harmless (a flipped bit in padding): not every mutant fails, but many do.
        #expect(failures > corpus.filter { $0.expectation == .failure }.count && failures < corpus.count)
    }
}
