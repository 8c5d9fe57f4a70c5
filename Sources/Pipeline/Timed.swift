import Foundation

/// The value `work` returns and the wall-clock seconds it took.
func timed<Value>(_ work: () throws -> Value) rethrows -> (value: Value, seconds: Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try work()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
