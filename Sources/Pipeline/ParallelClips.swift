import Foundation
import Linalg

/// Runs per-clip work on all cores, one clip per worker at a time, with BLAS single-threaded
/// meanwhile (two workers each running a one-thread BLAS beat two workers fighting over two BLAS
/// threads); the BLAS thread count is restored afterwards.
enum ParallelClips {
    /// Calls `work(i)` for every `i` in `0..<count` on all cores; `done` hears each finished item.
    static func forEach(_ count: Int, work: @Sendable (Int) -> Void, done: @Sendable (Int) -> Void = { _ in }) {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(count, 1))
        let threads = BLASRuntime.threadCount
        if workers > 1 { BLASRuntime.setThreadCount(1) }
        defer { BLASRuntime.setThreadCount(threads) }
        let next = Counter(), finished = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while case let i = next.increment() - 1, i < count {
                work(i)
                done(finished.increment())
            }
        }
    }
}
