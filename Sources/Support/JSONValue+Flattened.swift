import Foundation

extension JSONValue {
    /// The value's leaves as `(path, text)` pairs, object keys sorted and joined with dots
    /// (`model.training.epochs`), arrays of scalars as one comma-separated text: how a page or a
    /// comparison of settings lists a nested document.
    public func flattened(prefix: String = "") -> [(path: String, text: String)] {
        switch self {
        case let .object(fields):
            return fields.keys.sorted().flatMap { fields[$0]!.flattened(prefix: prefix.isEmpty ? $0 : "\(prefix).\($0)") }
        case let .array(items) where items.allSatisfy(\.isScalar):
            return [(prefix, items.map(\.text).joined(separator: ", "))]
        default:
            return [(prefix, text)]
        }
    }

    /// Whether the value is neither an array nor an object.
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// The value as text: scalars plainly (whole numbers without decimals), others as compact JSON.
    public var text: String {
        switch self {
        case .null: "null"
        case let .bool(b): "\(b)"
        case let .number(n): n == n.rounded() && abs(n) < 1e15 ? "\(Int64(n))" : "\(n)"
        case let .string(s): s
        case .array, .object: String(decoding: (try? JSONEncoder.canonical().encode(self)) ?? Data(), as: UTF8.self)
        }
    }
}
