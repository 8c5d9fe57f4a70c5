import Foundation
import Support

/// The peer references of `zae-video bench --compare`: the scripts in `Benchmarks/` (numpy,
/// scikit-learn), run by `python3` right after zae-video's own benchmark, each with its own best
/// BLAS kernel: `OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` removed from its environment (numpy's
/// bundled OpenBLAS picks its kernel itself), its thread count set to the cores zae-video uses.
public enum PeerBenchmark {
    /// The script (in the scripts folder) and the Python modules it needs, for a benchmark that has a peer.
    public static func script(for which: BenchmarkSuite.Which) -> (file: String, modules: [String])? {
        switch which {
        case .gemm: ("gemm_numpy.py", ["numpy"])
        case .train: ("zae_numpy.py", ["numpy"])
        case .kmeans: ("kmeans_sklearn.py", ["numpy", "sklearn"])
        case .decode, .extract, .vocabulary, .all: nil
        }
    }

    /// The environment a peer runs in: this one without the OpenBLAS kernel settings (and the
    /// variable zae-video sets when it picks its own kernel), with `threads` BLAS/OpenMP threads.
    static func environment(threads: Int) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "ZAE_VIDEO_NO_REEXEC"] { environment[name] = nil }
        environment["OPENBLAS_NUM_THREADS"] = String(threads)
        environment["OMP_NUM_THREADS"] = String(threads)
        return environment
    }

    /// Runs the peer of `which` from `folder` with `threads` threads and hands each line it prints
    /// to `emit`: first a `# peer:` line naming python's BLAS and kernel (threadpoolctl's report),
    /// then the script's `name value unit` lines. Without a peer, or when python3 lacks a module
    /// the script needs, emits one `# peer skipped:` line saying why.
    public static func run(_ which: BenchmarkSuite.Which, folder: URL, threads: Int, emit: (String) -> Void) throws {
        guard let (file, modules) = script(for: which) else { return }
        let path = folder.appendingPathComponent(file).path
        guard FileManager.default.fileExists(atPath: path) else {
            emit("# peer skipped: \(path) not found (run from the source folder or pass --peers)")
            return
        }
        let probe = """
            import \(modules.joined(separator: ", "))
            try:
                import threadpoolctl
                pools = threadpoolctl.threadpool_info()
                print("; ".join(f"{p['internal_api']} {p['version']} {p.get('architecture', '?')} kernel, {p['num_threads']} threads" for p in pools))
            except ImportError:
                print("threadpoolctl not installed: BLAS kernel unknown")
            """
        let environment = environment(threads: threads)
        let (status, info) = try python(["-c", probe], environment: environment)
        guard status == 0 else {
            emit("# peer skipped: python3 cannot import \(modules.joined(separator: ", ")) (pip install numpy scikit-learn threadpoolctl)")
            return
        }
        emit("# peer: python3 \(file), \(info.trimmingCharacters(in: .whitespacesAndNewlines))")
        let (scriptStatus, output) = try python([path], environment: environment)
        for line in output.split(separator: "\n") { emit(String(line)) }
        if scriptStatus != 0 { emit("# peer failed: \(file) exited with status \(scriptStatus)") }
    }

    /// Runs `python3 arguments` and returns its exit status and standard output.
    private static func python(_ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
