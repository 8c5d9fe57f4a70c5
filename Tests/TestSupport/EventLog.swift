import Foundation

/// The events a run reported, in order, collected from any thread (runs report from worker threads).
public final class EventLog<Event: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Event] = []

    /// An empty log.
    public init() {}

    /// Appends one event; pass this as a run's event handler.
    public func add(_ event: Event) { lock.withLock { collected.append(event) } }

    /// Every event so far.
    public var events: [Event] { lock.withLock { collected } }
}
