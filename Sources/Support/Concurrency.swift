import Foundation

/// A thread-safe counter for handing out work items to parallel workers.
public final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// A counter at zero.
    public init() {}

    /// Adds one and returns the new value.
    public func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Fixed slots that parallel workers fill by index, read once all are done.
public final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    /// `count` empty slots.
    public init(count: Int) { slots = [Value?](repeating: nil, count: count) }

    /// Slot `index`.
    public subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return slots[index] }
        set { lock.lock(); defer { lock.unlock() }; slots[index] = newValue }
    }

    /// All slots, in index order.
    public var values: [Value?] { lock.lock(); defer { lock.unlock() }; return slots }
}

/// Work items shared among all cores, one item per worker at a time, with BLAS single-threaded
/// meanwhile (two workers each running a one-thread BLAS beat two workers fighting over two BLAS
/// threads). Per-clip extraction, block sampling and K-means tiles run this way.
public enum ParallelWork {
    /// The number of workers `forEach` uses for `count` items: one per core, or per CPU a Slurm
    /// task was given (`SLURM_CPUS_PER_TASK`), so tasks sharing a node do not oversubscribe it.
    public static func workers(for count: Int) -> Int {
        var cores = ProcessInfo.processInfo.activeProcessorCount
        if let given = ProcessInfo.processInfo.environment["SLURM_CPUS_PER_TASK"].flatMap({ Int($0) }), given >= 1 { cores = min(cores, given) }
        return min(cores, max(count, 1))
    }

    /// Calls `work(item, worker)` for every item in `0..<count` on all cores (`worker` is in
    /// `0..<workers(for: count)`, for per-worker scratch space); `done` hears the running count of
    /// finished items.
    public static func forEach(_ count: Int, work: @Sendable (_ item: Int, _ worker: Int) -> Void,
                               done: @Sendable (Int) -> Void = { _ in }) {
        BLASRuntime.singleThreaded {
            let next = Counter(), finished = Counter()
            DispatchQueue.concurrentPerform(iterations: workers(for: count)) { worker in
                while case let i = next.increment() - 1, i < count {
                    work(i, worker)
                    done(finished.increment())
                }
            }
        }
    }
}
