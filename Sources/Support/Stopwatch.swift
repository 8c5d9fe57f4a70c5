import Foundation

/// Wall-clock time since it was started: the one way the project times epochs, stages and benchmarks.
public struct Stopwatch: Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds

    /// A stopwatch started now.
    public init() {}

    /// Seconds since the start.
    public var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

/// Wall-clock seconds taken by `work`.
public func measureSeconds(_ work: () throws -> Void) rethrows -> Double {
    let stopwatch = Stopwatch()
    try work()
    return stopwatch.seconds
}

/// The value `work` returns and the wall-clock seconds it took.
public func timed<Value>(_ work: () throws -> Value) rethrows -> (value: Value, seconds: Double) {
    let stopwatch = Stopwatch()
    let value = try work()
    return (value, stopwatch.seconds)
}
