import Datasets
import Foundation
import Linalg
import Recognition
import Testing
import TestSupport
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

    @Test("evaluate --descriptors: the files' headers give the estimate its width, value size, row counts and positions; a missing or 1-D file is refused by name")
    func descriptorFileShapes() throws {
        let scratch = try ScratchFolder("slurm-shapes")
        defer { scratch.remove() }
        let root = scratch.path("dataset"), folder = scratch.path("features")
        func clip(_ name: String, _ subset: Subset) -> EvaluationPlan.Clip {
            .init(name: name, file: root.appendingPathComponent("AVIClips/\(name).avi").path, subset: subset, labels: [true], stamp: nil)
        }
        let clips = [clip("a", .train), clip("b", .train), clip("c", .test)]
        func file(_ i: Int) throws -> URL {
            let url = OwnDescriptors.file(of: clips[i], folder: folder, root: root)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return url
        }
        var random = SeededRandom(seed: 2)
        try ClipFeatureFile.write(.init(features: random.normalMatrix(rows: 5, cols: 7), positions: Matrix(rows: 5, cols: 3)), to: file(0))
        try NPYArray(shape: [9, 7], elements: .float64((0..<63).map(Double.init))).write(to: file(1))
        try ClipFeatureFile.write(.init(features: random.normalMatrix(rows: 3, cols: 7), positions: Matrix(rows: 3, cols: 3)), to: file(2))

        let shapes = try OwnDescriptorShapes.read(clips, folder: folder, root: root)
        #expect(shapes == OwnDescriptorShapes(width: 7, valueBytes: 8, trainRows: [5, 9], testRows: [3], positions: false))
        #expect(shapes.largestRows == 9)

        try NPYArray(shape: [4], elements: .float32([1, 2, 3, 4])).write(to: file(1))
        #expect { try OwnDescriptorShapes.read(clips, folder: folder, root: root) } throws: {
            "\($0)" == "clip b: \(try! file(1).path): shape [4]; features must be a 2-D [rows, values] array"
        }
        try FileManager.default.removeItem(at: file(2))
        #expect { try OwnDescriptorShapes.read([clips[0], clips[2]], folder: folder, root: root) } throws: {
            "\($0)" == "clip c: \(try! file(2).path): missing"
        }
        #expect { try OwnDescriptorShapes.read(clips, folder: scratch.path("nowhere"), root: root) } throws: {
            "\($0)".contains("no such folder; --descriptors names the folder of the clips' .npy files")
        }
    }
}
