import Linalg

/// The value `work` returns and the wall-clock seconds it took (`measureSeconds` for work with a result).
func timed<Value>(_ work: () throws -> Value) rethrows -> (value: Value, seconds: Double) {
    var value: Value?
    let seconds = try measureSeconds { value = try work() }
    return (value!, seconds)
}
