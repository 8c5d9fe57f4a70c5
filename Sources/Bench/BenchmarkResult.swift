import Foundation

/// One measured number from a built-in benchmark, printed as `name value unit`.
public struct BenchmarkResult: Codable, Sendable, Equatable {
    /// What was measured, e.g. `gemm_1024`.
    public let name: String
    /// The measurement.
    public let value: Double
    /// Its unit, e.g. `GFLOP/s`.
    public let unit: String

    /// A result.
    public init(name: String, value: Double, unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }

    /// A result from its `name value unit` line (the unit may hold spaces), or nil for any other line.
    public init?(line: String) {
        let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, !parts[0].hasPrefix("#"), let value = Double(parts[1]) else { return nil }
        self.init(name: parts[0], value: value, unit: parts[2])
    }

    /// The `name value unit` line.
    public var line: String { "\(name) \(String(format: "%.2f", value)) \(unit)" }
}
