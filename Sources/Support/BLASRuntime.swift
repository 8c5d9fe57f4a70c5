import COpenBLAS
import Foundation

/// Facts about, and control of, the OpenBLAS library the process runs.
public enum BLASRuntime {
    /// The name of the kernel OpenBLAS chose (`openblas_get_corename`).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The kernel in use and who chose it, e.g. `OpenBLAS Cooperlake kernel (chosen by zae-video)`.
    public static var kernelDescription: String {
        let env = ProcessInfo.processInfo.environment
        let origin = env["OPENBLAS_CORETYPE"] == nil ? "chosen by OpenBLAS"
            : env["ZAE_VIDEO_NO_REEXEC"] == "1" ? "chosen by zae-video" : "OPENBLAS_CORETYPE set by the caller"
        return "OpenBLAS \(coreName) kernel (\(origin))"
    }

    /// The number of threads OpenBLAS uses.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of threads OpenBLAS uses.
    public static func setThreadCount(_ n: Int) { openblas_set_num_threads(Int32(n)) }

    /// The `OPENBLAS_CORETYPE` that suits a CPU with these `/proc/cpuinfo` flags, or nil to let
    /// OpenBLAS decide. Only cores whose instructions the CPU has are ever chosen: Debian's
    /// OpenBLAS 0.3.21 does not recognise recent Intel CPUs and would fall back to its slowest kernel.
    public static func coreType(forCPUFlags flags: Set<String>) -> String? {
        let avx512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains)
        if avx512 && flags.contains("avx512_bf16") { return "COOPERLAKE" }
        if avx512 { return "SKYLAKEX" }
        if ["avx2", "fma"].allSatisfy(flags.contains) { return "HASWELL" }
        return nil
    }

    /// The CPU flags of this machine, read from `/proc/cpuinfo` (empty where there is none).
    public static func cpuFlags(cpuinfo: String? = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) -> Set<String> {
        guard let text = cpuinfo,
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// The core type this machine should run, or nil where OpenBLAS's own choice is right.
    public static var recommendedCoreType: String? { coreType(forCPUFlags: cpuFlags()) }

    /// Makes sure the running process uses the right kernel: when `OPENBLAS_CORETYPE` is unset and
    /// this CPU needs one, sets it and re-executes the current binary (OpenBLAS reads the variable
    /// only when it loads). A value the user set is always respected. Returns only when no
    /// re-execution was needed or it failed.
    public static func ensureCoreType(arguments: [String] = CommandLine.arguments) {
        let env = ProcessInfo.processInfo.environment
        guard env["OPENBLAS_CORETYPE"] == nil, env["ZAE_VIDEO_NO_REEXEC"] == nil,
              let core = recommendedCoreType else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv("ZAE_VIDEO_NO_REEXEC", "1", 1)
        let executable = "/proc/self/exe"
        var cArgs = arguments.map { strdup($0) }
        cArgs.append(nil)
        execv(executable, cArgs)
        // execv returns only on failure: carry on with the default kernel.
        unsetenv("OPENBLAS_CORETYPE")
    }
}

/// Reference-counted single-thread sections: OpenBLAS's thread count is process-wide, so nested
/// or concurrent sections share one saved value and the last to leave restores it.
private final class SingleThreadSections: @unchecked Sendable {
    static let shared = SingleThreadSections()
    private let lock = NSLock()
    private var depth = 0
    private var saved = 0

    func enter() {
        lock.withLock {
            if depth == 0 { saved = BLASRuntime.threadCount; BLASRuntime.setThreadCount(1) }
            depth += 1
        }
    }

    func leave() {
        lock.withLock {
            depth -= 1
            if depth == 0 { BLASRuntime.setThreadCount(saved) }
        }
    }
}

extension BLASRuntime {
    /// Runs `work` with OpenBLAS on one thread, then restores the thread count once no other
    /// single-thread section is open. Minibatch training and per-clip parallel work use it: their
    /// products are too small for OpenBLAS's threading to pay off (ZAE at 300 x 600: 56,000 blocks/s
    /// on one thread, 35,000 on two), or several workers already share the cores.
    public static func singleThreaded<T>(_ work: () throws -> T) rethrows -> T {
        SingleThreadSections.shared.enter()
        defer { SingleThreadSections.shared.leave() }
        return try work()
    }
}
