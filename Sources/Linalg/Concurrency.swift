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
