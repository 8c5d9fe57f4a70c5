import Foundation
#if canImport(Glibc)
import Glibc
private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

/// The wall-clock time and peak resident memory of one step of a run, as recorded in reports and
/// model bundles.
public struct MeasuredStep: Codable, Sendable, Equatable {
    /// The step's name.
    public var step: String
    /// Wall-clock seconds.
    public var seconds: Double
    /// The largest resident memory of the process during the step, in bytes (nil where the system
    /// cannot tell).
    public var peakResidentBytes: Int?

    /// A record of a step.
    public init(step: String, seconds: Double, peakResidentBytes: Int?) {
        self.step = step
        self.seconds = seconds
        self.peakResidentBytes = peakResidentBytes
    }

    enum CodingKeys: String, CodingKey { case step = "stage", seconds, peakResidentBytes = "peak_resident_bytes" }

    /// One line for people: `name: 12.3 s, peak 1.25 GB resident`.
    public var summary: String {
        "\(step): \(String(format: "%.1f", seconds)) s" + (peakResidentBytes.map { ", peak \(MemorySize.text($0)) resident" } ?? "")
    }
}

/// Measures steps one after another: each stage's time and the peak resident memory of the process
/// while it ran. The kernel's peak (VmHWM of /proc/self/status) is exact when the step set a new
/// record for the process; otherwise the step's peak is the largest resident size (VmRSS) seen by a
/// sampler thread reading it every 2 ms during the step. The kernel's counters are never reset, so
/// `/usr/bin/time` and schedulers still see the process's true peak.
public final class StepMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [MeasuredStep] = []

    /// A meter with no step yet.
    public init() {}

    /// A step being measured, from `begin` to `end`.
    public final class RunningStep: @unchecked Sendable {
        let name: String
        let stopwatch = Stopwatch()
        let peakBefore = ResidentMemory.peakBytes()
        let sampler = ResidentMemory.Sampler()

        init(name: String) { self.name = name }
    }

    /// Starts measuring the step `name`.
    public func begin(_ name: String) -> RunningStep { RunningStep(name: name) }

    /// Stops measuring `step` and records it.
    public func end(_ step: RunningStep) {
        let sampled = step.sampler.stop()
        let peakAfter = ResidentMemory.peakBytes()
        let peak: Int?
        if let after = peakAfter, let before = step.peakBefore, after > before { peak = after } else { peak = sampled }
        let record = MeasuredStep(step: step.name, seconds: step.stopwatch.seconds, peakResidentBytes: peak)
        lock.lock(); records.append(record); lock.unlock()
    }

    /// Runs `work` as the step `name` and records it (a step that throws is not recorded).
    public func measure<Value>(_ name: String, _ work: () throws -> Value) rethrows -> Value {
        let step = begin(name)
        let value: Value
        do { value = try work() } catch {
            _ = step.sampler.stop()
            throw error
        }
        end(step)
        return value
    }

    /// The steps measured so far, in order.
    public var steps: [MeasuredStep] { lock.lock(); defer { lock.unlock() }; return records }
}

/// The process's resident memory as the kernel reports it (Linux; nil elsewhere).
public enum ResidentMemory {
    /// The process's peak resident size so far, in bytes: VmHWM of /proc/self/status, else getrusage's maximum.
    public static func peakBytes() -> Int? {
        if let kilobytes = statusField("VmHWM") { return kilobytes * 1024 }
        var usage = rusage()
        guard getrusage(RUSAGE_SELF_WHO, &usage) == 0, usage.ru_maxrss > 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024
    }

    /// The current resident size, in bytes.
    public static func currentBytes() -> Int? { statusField("VmRSS").map { $0 * 1024 } }

    /// A `kB` field of /proc/self/status.
    static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }

    /// A thread that reads the resident size every 2 ms until stopped and keeps the largest.
    public final class Sampler: @unchecked Sendable {
        private let lock = NSLock()
        private var largest: Int?
        private var stopped = false
        private let finished = DispatchSemaphore(value: 0)

        /// Starts sampling.
        public init() {
            largest = ResidentMemory.currentBytes()
            let thread = Thread { [self] in
                while true {
                    let now = ResidentMemory.currentBytes()
                    lock.lock()
                    if let now { largest = max(largest ?? 0, now) }
                    let done = stopped
                    lock.unlock()
                    if done { break }
                    usleep(2000)
                }
                finished.signal()
            }
            thread.start()
        }

        /// Stops sampling and returns the largest resident size seen.
        public func stop() -> Int? {
            lock.lock(); stopped = true; lock.unlock()
            finished.wait()
            lock.lock(); defer { lock.unlock() }
            return largest
        }
    }
}

/// Byte counts as people read them.
public enum MemorySize {
    /// `1.25 GB`, `310 MB`, `12 kB` (powers of 1000).
    public static func text(_ bytes: Int) -> String {
        let value = Double(bytes)
        switch value {
        case 1e15...: return String(format: "%.1f PB", value / 1e15)
        case 1e12...: return String(format: "%.1f TB", value / 1e12)
        case 1e9...: return String(format: "%.2f GB", value / 1e9)
        case 1e6...: return String(format: "%.0f MB", value / 1e6)
        default: return String(format: "%.0f kB", value / 1e3)
        }
    }
}
