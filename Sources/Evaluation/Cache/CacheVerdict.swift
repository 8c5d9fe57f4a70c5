/// What a cache holds for one artifact: nothing, a value that matches its record, or a file that
/// must not be trusted (with the reason, one line), which the owning stage recomputes.
public enum CacheVerdict<Value> {
    /// Nothing there.
    case absent
    /// The value, as it was written.
    case valid(Value)
    /// Something there that does not match its shape and checksum record.
    case invalid(String)
}
