import Foundation
import Synchronization

/// Runs jobs of two parts at once, part 0 on the calling thread and part 1 on a helper thread of
/// its own that waits for the next job by spinning (a hand-off then costs about a microsecond,
/// against 40-60 microseconds for a Dispatch worker woken by `ParallelWork`), and asleep once it
/// has found no job for a while (`Gate.spinLimit` checks, well under a millisecond). For loops of
/// many short two-part rounds (ZAE training runs two per batch). With one worker
/// (`ParallelWork.workers`: one core, or a one-CPU Slurm task) both parts run on the caller, in
/// order. One caller at a time; BLAS threading is the caller's business (ZAE training runs under
/// `BLASRuntime.singleThreaded`).
public final class PairedWorker: @unchecked Sendable {
    /// A counter one thread moves and another waits on.
    private final class Gate: @unchecked Sendable {
        /// Idle checks before a waiting thread sleeps.
        static let spinLimit = 20_000
        private let counter = Atomic<Int>(0)
        private let asleep = Atomic<Bool>(false)
        private let wake = DispatchSemaphore(value: 0)

        /// Publishes `value` and wakes the waiting thread if it went to sleep.
        func open(_ value: Int) {
            counter.store(value, ordering: .sequentiallyConsistent)
            if asleep.load(ordering: .sequentiallyConsistent) { wake.signal() }
        }

        /// Returns once the counter reaches `value`: spinning, then asleep until woken (a stale
        /// wake-up only makes it check again).
        func wait(for value: Int) {
            var checks = 0
            while counter.load(ordering: .acquiring) < value {
                checks += 1
                guard checks >= Self.spinLimit else { continue }
                asleep.store(true, ordering: .sequentiallyConsistent)
                if counter.load(ordering: .sequentiallyConsistent) < value { wake.wait() }
                asleep.store(false, ordering: .sequentiallyConsistent)
                checks = 0
            }
        }
    }

    /// What the caller and the helper share.
    private final class Handoff: @unchecked Sendable {
        let posted = Gate(), finished = Gate()
        /// The current job, written before `posted` opens; nil tells the helper to end.
        var job: ((Int) -> Void)?
    }

    private let handoff: Handoff?
    private var round = 0

    /// A pair with its helper thread started, or without one when only one worker is allowed.
    public init() {
        guard ParallelWork.workers(for: 2) == 2 else { handoff = nil; return }
        let handoff = Handoff()
        self.handoff = handoff
        Thread { PairedWorker.serve(handoff) }.start()
    }

    deinit {
        guard let handoff else { return }
        handoff.job = nil
        handoff.posted.open(round + 1)
    }

    /// Calls `work(0)` and `work(1)`, at once when there is a helper, and returns when both have.
    /// (Pass a closure made once, not one per round: the helper keeps it.)
    public func run(_ work: @escaping @Sendable (_ part: Int) -> Void) {
        guard let handoff else { work(0); work(1); return }
        handoff.job = work
        round += 1
        handoff.posted.open(round)
        work(0)
        handoff.finished.wait(for: round)
    }

    /// The helper's loop: wait for a round, run its part 1, say so; end on a round without a job.
    private static func serve(_ handoff: Handoff) {
        var seen = 0
        while true {
            seen += 1
            handoff.posted.wait(for: seen)
            guard let job = handoff.job else { return }
            job(1)
            handoff.finished.open(seen)
        }
    }
}
