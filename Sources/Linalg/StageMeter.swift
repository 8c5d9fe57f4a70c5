import Foundation
#if canImport(Glibc)
import Glibc
private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

/// The wall-clock time and peak resident memory of one stage of a run, as recorded in reports and
/// model bundles.
public struct StageRecord: Codable, Sendable, Equatable {
    /// The stage's name.
    public var stage: String
    /// Wall-clock seconds.
    public var seconds: Double
    /// The largest resident memory of the process during the stage, in bytes (nil where the system
    /// cannot tell).
    public var peakResidentBytes: Int?

    /// A record of a stage.
    public init(stage: String, seconds: Double, peakResidentBytes: Int?) {
        self.stage = stage
        self.seconds = seconds
        self.peakResidentBytes = peakResidentBytes
    }

    enum CodingKeys: String, CodingKey { case stage, seconds, peakResidentBytes = "peak_resident_bytes" }

    /// One line for people: `name: 12.3 s, peak 1.25 GB resident`.
    public var summary: String {
        "\(stage): \(String(format: "%.1f", seconds)) s" + (peakResidentBytes.map { ", peak \(MemorySize.text($0)) resident" } ?? "")
    }
}

/// Measures stages one after another: each stage's time and the peak resident memory of the process
/// while it ran. On Linux the kernel's peak (VmHWM) is reset to the current resident size when a
/// stage starts (writing 5 to /proc/self/clear_refs), so each stage's peak is its own, not the
/// process's maximum so far; where that is not possible the process's peak so far (getrusage) is given.
public final class StageMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [StageRecord] = []

    /// A meter with no stage yet.
    public init() {}

    /// Runs `work` as the stage `name` and records it (also when it throws, it is not recorded).
    public func measure<Value>(_ name: String, _ work: () throws -> Value) rethrows -> Value {
        ResidentMemory.resetPeak()
        let stopwatch = Stopwatch()
        let value = try work()
        let record = StageRecord(stage: name, seconds: stopwatch.seconds, peakResidentBytes: ResidentMemory.peakBytes())
        lock.lock(); records.append(record); lock.unlock()
        return value
    }

    /// The stages measured so far, in order.
    public var stages: [StageRecord] { lock.lock(); defer { lock.unlock() }; return records }
}

/// The process's resident memory as the kernel reports it.
public enum ResidentMemory {
    /// Resets the kernel's peak resident size to the current size (Linux; a no-op elsewhere or when refused).
    public static func resetPeak() {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
        try? handle.write(contentsOf: Data("5".utf8))
        try? handle.close()
    }

    /// The peak resident size since the last reset, in bytes: VmHWM of /proc/self/status, else getrusage's maximum.
    public static func peakBytes() -> Int? {
        if let kilobytes = statusField("VmHWM") { return kilobytes * 1024 }
        var usage = rusage()
        guard getrusage(RUSAGE_SELF_WHO, &usage) == 0, usage.ru_maxrss > 0 else { return nil }
        return Int(usage.ru_maxrss) * 1024
    }

    /// The current resident size, in bytes (Linux).
    public static func currentBytes() -> Int? { statusField("VmRSS").map { $0 * 1024 } }

    /// A `kB` field of /proc/self/status.
    static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
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
