import CAtomicRename
import Foundation
import Testing
@testable import Support

@Suite("Runtime kit: BLAS kernel choice, atomic files and folders")
struct SupportTests {
    @Test("the OpenBLAS core type follows the CPU's features and never names a core the CPU lacks")
    func coreTypeChoice() {
        let avx512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma"]
        #expect(BLASRuntime.coreType(forCPUFlags: Set(avx512 + ["avx512_bf16"])) == "COOPERLAKE")
        #expect(BLASRuntime.coreType(forCPUFlags: Set(avx512)) == "SKYLAKEX")
        #expect(BLASRuntime.coreType(forCPUFlags: ["avx2", "fma", "sse4_2"]) == "HASWELL")
        #expect(BLASRuntime.coreType(forCPUFlags: ["avx2"]) == nil)
        #expect(BLASRuntime.coreType(forCPUFlags: []) == nil)
        let flags = BLASRuntime.cpuFlags(cpuinfo: "processor : 0\nflags\t\t: fpu avx2 fma\nbugs : x\n")
        #expect(flags == ["fpu", "avx2", "fma"])
    }

    @Test("atomic writes leave the complete file and no temporary sibling; a failing fill keeps the old folder")
    func atomicWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zae-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a/b.txt")
        try AtomicFile.write("first", to: file)
        try AtomicFile.write("second", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["b.txt"])

        let bundle = folder.appendingPathComponent("bundle")
        try AtomicFile.replaceDirectory(at: bundle) { try AtomicFile.write("v1", to: $0.appendingPathComponent("x")) }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try AtomicFile.replaceDirectory(at: bundle) { _ in throw Boom() }
        }
        #expect(try String(contentsOf: bundle.appendingPathComponent("x"), encoding: .utf8) == "v1")
        try AtomicFile.replaceDirectory(at: bundle) { try AtomicFile.write("v2", to: $0.appendingPathComponent("x")) }
        #expect(try String(contentsOf: bundle.appendingPathComponent("x"), encoding: .utf8) == "v2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a", "bundle"])
    }

    @Test("folders are swapped in one step (renameat2), so a replaced folder is never missing")
    func exchangeSwapsFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zae-exchange-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        try AtomicFile.write("new", to: a.appendingPathComponent("x"))
        try AtomicFile.write("old", to: b.appendingPathComponent("x"))
        #expect(zae_exchange_paths(a.path, b.path) == 0, "renameat2 failed: errno \(errno)")
        #expect(try String(contentsOf: b.appendingPathComponent("x"), encoding: .utf8) == "new")
        #expect(try String(contentsOf: a.appendingPathComponent("x"), encoding: .utf8) == "old")
    }
}
