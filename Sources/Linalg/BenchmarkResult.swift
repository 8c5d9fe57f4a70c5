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

    /// The `name value unit` line.
    public var line: String { "\(name) \(String(format: "%.2f", value)) \(unit)" }
}

/// Wall-clock seconds taken by `work`.
public func measureSeconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
