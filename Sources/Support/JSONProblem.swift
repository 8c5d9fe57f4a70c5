import Foundation

/// What is wrong with a JSON document a type could not be read from, as one line for people: the
/// setting's dotted path, what was found there and what is allowed (`"vocabulary.words" is true; it
/// must be a whole number`), instead of the decoder's own text. Also finds a key given twice in one
/// object, which JSON readers silently resolve to the last value. `decode` throws it as
/// `SupportError.invalidJSON`; `SettingsFile` turns it into a `SettingError`.
public struct JSONProblem: CustomStringConvertible, Equatable, Sendable {
    /// The dotted path of the value at fault (`model.training.epochs`); empty for the document.
    public var path: String
    /// What was found and what is allowed, e.g. `is true; it must be a whole number`.
    public var reason: String

    /// A problem at `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { path.isEmpty ? reason : "\"\(path)\" \(reason)" }

    /// `type` decoded from `data` by `decoder`, or the problem, in words, why it cannot be.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, decoder: JSONDecoder = JSONDecoder()) throws(SupportError) -> T {
        do { return try decoder.decode(T.self, from: data) } catch { throw .invalidJSON(JSONProblem(error, decoding: T.self, from: data, decoder: decoder)) }
    }

    /// The problem `error` (thrown decoding `type` from `data` by `decoder`) stands for.
    public init<T: Decodable>(_ error: any Error, decoding type: T.Type, from data: Data, decoder: JSONDecoder = JSONDecoder()) {
        let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        guard let decoding = error as? DecodingError, let document else {
            self.init(path: "", reason: document == nil ? "not valid JSON" : FileErrorReason.of(error))
            return
        }
        func found(_ path: [any CodingKey]) -> String {
            Self.value(at: path.map { $0.intValue.map(String.init) ?? $0.stringValue }, in: document).map(Self.text) ?? "missing"
        }
        switch decoding {
        case let .keyNotFound(key, context):
            self.init(path: Self.dotted(context.codingPath + [key]), reason: "is missing; it is required")
        case let .typeMismatch(expected, context):
            self.init(path: Self.dotted(context.codingPath), reason: "is \(found(context.codingPath)); it must be \(Self.words(for: expected))")
        case let .valueNotFound(expected, context):
            self.init(path: Self.dotted(context.codingPath), reason: "is null; it must be \(Self.words(for: expected))")
        case let .dataCorrupted(context) where !context.codingPath.isEmpty:
            self.init(path: Self.dotted(context.codingPath), reason: "is \(found(context.codingPath)); \(Self.allowed(context.debugDescription))")
        default:
            // Foundation says "not valid JSON" for a valid document whose number does not fit its
            // type (3000.5 or 1e20 for a count): find that number by setting each to 0 in turn.
            for (path, number) in Self.numbers(in: document, path: []) where number != number.rounded() || abs(number) >= 9.2e18 {
                let patched = Self.replacing(path, in: document, with: 0)
                guard let data = try? JSONSerialization.data(withJSONObject: patched, options: [.fragmentsAllowed]) else { continue }
                do { _ = try decoder.decode(T.self, from: data) } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
                    continue
                } catch {}
                let shown = Self.text(number)
                self.init(path: path.joined(separator: "."), reason: number != number.rounded()
                          ? "is \(shown); it must be a whole number" : "is \(shown); it is out of range")
                return
            }
            self.init(path: "", reason: "a value does not fit its type")
        }
    }

    /// The dotted path of the first key given twice in one object of the JSON `data`, nil when every
    /// object's keys are unique (or the data is not JSON).
    public static func duplicateKey(in data: Data) -> String? {
        var scanner = DuplicateKeyScanner(bytes: Array(data))
        return scanner.firstDuplicate()
    }

    /// `codingPath` as dots.
    static func dotted(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    /// What a Swift type accepts, in words.
    static func words(for type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt64.Type, is UInt32.Type, is UInt.Type: return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") || name.hasPrefix("[") && !name.contains(":") { return "a list" }
            return name.hasPrefix("Dictionary") || name.contains(":") ? "an object" : "a \(name)"
        }
    }

    /// What a decoder's corruption text says is allowed (a `SettingChoice` lists its names).
    static func allowed(_ debugDescription: String) -> String {
        if debugDescription.hasPrefix("Cannot initialize") { return "it is not one of the names allowed there" }
        if debugDescription.contains("does not fit") { return "it is out of range" }
        return debugDescription
    }

    /// The value at `path` (keys and indices) of a deserialised document.
    static func value(at path: [String], in document: Any) -> Any? {
        var current: Any? = document
        for key in path {
            if let object = current as? [String: Any] { current = object[key] }
            else if let array = current as? [Any], let index = Int(key), array.indices.contains(index) { current = array[index] }
            else { return nil }
        }
        return current
    }

    /// A deserialised value as compact JSON (at most 60 characters).
    public static func text(_ value: Any) -> String {
        if let number = value as? NSNumber, String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]) else {
            return "\(value)"
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.count > 60 ? text.prefix(57) + "..." : text
    }

    /// Every number of a deserialised document (booleans left out) with its path, keys sorted.
    static func numbers(in value: Any, path: [String]) -> [([String], Double)] {
        if let object = value as? [String: Any] {
            return object.keys.sorted().flatMap { numbers(in: object[$0]!, path: path + [$0]) }
        }
        if let array = value as? [Any] { return array.enumerated().flatMap { numbers(in: $1, path: path + ["\($0)"]) } }
        if let number = value as? NSNumber, String(cString: number.objCType) != "c" { return [(path, number.doubleValue)] }
        return []
    }

    /// `document` with the value at `path` replaced.
    static func replacing(_ path: [String], in document: Any, with replacement: Any) -> Any {
        guard let key = path.first else { return replacement }
        if var object = document as? [String: Any], let inner = object[key] {
            object[key] = replacing(Array(path.dropFirst()), in: inner, with: replacement)
            return object
        }
        if var array = document as? [Any], let index = Int(key), array.indices.contains(index) {
            array[index] = replacing(Array(path.dropFirst()), in: array[index], with: replacement)
            return array
        }
        return document
    }
}

/// Walks JSON text keeping, per open object, the keys seen so far, to find one given twice.
private struct DuplicateKeyScanner {
    let bytes: [UInt8]
    var position = 0

    /// One open object or list: the keys seen (objects) and the name it has in its parent.
    struct Container {
        var isObject: Bool
        var name: String
        var keys: Set<String> = []
        var lastKey = ""
        var count = 0
        var expectingKey = false
    }

    mutating func firstDuplicate() -> String? {
        var stack: [Container] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let name = stack.last.map { $0.isObject ? $0.lastKey : "\($0.count)" } ?? ""
                stack.append(Container(isObject: byte == UInt8(ascii: "{"), name: name, expectingKey: byte == UInt8(ascii: "{")))
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                position += 1
            case UInt8(ascii: ","):
                if !stack.isEmpty {
                    stack[stack.count - 1].count += 1
                    stack[stack.count - 1].expectingKey = stack[stack.count - 1].isObject
                }
                position += 1
            case UInt8(ascii: "\""):
                guard let text = readString() else { return nil }
                if let top = stack.last, top.isObject, top.expectingKey {
                    let path = (stack.dropFirst().map(\.name) + [text]).joined(separator: ".")
                    if top.keys.contains(text) { return path }
                    stack[stack.count - 1].keys.insert(text)
                    stack[stack.count - 1].lastKey = text
                    stack[stack.count - 1].expectingKey = false
                }
            default:
                position += 1
            }
        }
        return nil
    }

    /// The string starting at `position` (a quote), unescaped; moves past it.
    mutating func readString() -> String? {
        let start = position
        position += 1
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
        }
        position += 1
        guard position <= bytes.count else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(bytes[start..<position]), options: [.fragmentsAllowed])) as? String
    }
}
