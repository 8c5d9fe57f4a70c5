import Foundation
import Testing
@testable import Runs
@testable import Evaluation

@Suite("the --mem a Slurm job asks for")
struct SlurmMemoryTests {
    @Test("the estimate plus a quarter, rounded up to 256 MiB, at least 512 MiB, whole GiB as G")
    func request() {
        #expect(SlurmMemory.request(bytes: 0) == "512M")
        #expect(SlurmMemory.request(bytes: 400 * 1_048_576) == "512M")            // 500 MiB with the margin
        #expect(SlurmMemory.request(bytes: 1e9) == "1280M")                        // 1192 MiB with the margin -> 5 steps
        #expect(SlurmMemory.request(bytes: 4 * 1_073_741_824) == "5G")             // exactly 5 GiB with the margin
        #expect(SlurmMemory.request(bytes: 4 * 1_073_741_824 + 1) == "5376M")
        #expect(SlurmMemory.request(bytes: 1e30) == "\(Int(1e12) * 256 / 1024)G")   // capped, no overflow
    }

    @Test("each evaluate job gets its own stage's need; --mem given overrides them all")
    func perStage() {
        let estimate = MemoryEstimate(steps: [.init(step: "prepare", bytes: 3e9, detail: "p"), .init(step: "descriptors", bytes: 2e8, detail: "d"),
                                               .init(step: "finish", bytes: 9e9, detail: "f")])
        let jobs = SlurmJob.evaluation(arguments: [], shards: 3, memory: estimate)
        #expect(jobs.map { $0.memory?.detail } == ["p", "d", "f"])
        #expect(jobs.map { $0.memoryRequest(SlurmResources()) } == ["3584M", "512M", "10752M"])
        #expect(jobs.map { $0.memoryRequest(SlurmResources(memory: "6G")) } == ["6G", "6G", "6G"])
        #expect(SlurmJob.evaluation(arguments: [], shards: 3).map { $0.memoryRequest(SlurmResources()) } == [nil, nil, nil])
        let script = jobs[2].script(binary: "/bin/zae-video", folder: URL(fileURLWithPath: "/tmp/x/slurm"), workingDirectory: "/tmp",
                                    resources: SlurmResources())
        #expect(script.split(separator: "\n").filter { $0.hasPrefix("#SBATCH --mem") } == ["#SBATCH --mem=10752M"])
        #expect(jobs[2].memoryLine(SlurmResources()) == "finish: --mem=10752M (finish needs about 9.00 GB: f)")
    }
}
