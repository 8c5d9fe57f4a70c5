import Foundation
import Support

/// Reads settings from a JSON pipeline file laid over built-in defaults: a file may give only the
/// values it changes, and a key the settings do not have is an error (a typo never passes silently).
/// Settings types therefore hold no optionals: every key is present in the encoded defaults.
/// Every problem is a `SettingError` naming the file and the setting.
public enum SettingsFile {
    /// `defaults` with the values of the JSON file at `url` laid over them.
    public static func load<Settings: Codable>(_ url: URL, over defaults: Settings) throws(SettingError) -> Settings {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SettingError(file: url.path, setting: "", reason: "cannot read pipeline file: no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: url.path) else {
            throw SettingError(file: url.path, setting: "", reason: "cannot read pipeline file: \(isDirectory.boolValue ? "it is a folder" : "permission denied or not a regular file")")
        }
        return try decode(data, over: defaults, path: url.path)
    }

    /// `defaults` with the values of JSON `data` laid over them; `path` names the source in errors.
    public static func decode<Settings: Codable>(_ data: Data, over defaults: Settings, path: String) throws(SettingError) -> Settings {
        let overlay: Any
        do { overlay = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw SettingError(file: path, setting: "", reason: "not valid JSON")
        }
        guard let object = overlay as? [String: Any] else {
            throw SettingError(file: path, setting: "", reason: "must hold a JSON object of settings, not \(overlay is NSNull ? "null" : "a single value")")
        }
        do {
            let base = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults))
            return try decodeMerged(try merge(object, over: base, path: path, keyPath: ""), as: Settings.self, base: base,
                                    overlay: object, path: path)
        } catch let error as SettingError {
            throw error
        } catch {
            throw SettingError(file: path, setting: "", reason: "\(error)")
        }
    }

    /// Decodes a merged document. A value of the wrong type or out of range (3000.5 or 2^63 for a
    /// count) is named by its setting: from the decoder's error, or, where that does not say, by
    /// laying the overlay's values over the defaults one at a time until one fails.
    static func decodeMerged<Settings: Decodable>(_ merged: Any, as type: Settings.Type, base: Any, overlay: [String: Any],
                                                  path: String) throws -> Settings {
        do {
            return try decodeDocument(merged, as: Settings.self)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SettingError(file: path, setting: key, reason: "has the wrong type or is out of range (\(context.debugDescription))")
        } catch {
            for (key, value) in leaves(of: overlay, keyPath: "") {
                let single = try merge(nested(key.split(separator: ".").map(String.init), value), over: base, path: path, keyPath: "")
                if (try? decodeDocument(single, as: Settings.self)) == nil {
                    throw SettingError(file: path, setting: key, reason: "has the wrong type or is out of range: \(value)")
                }
            }
            throw SettingError(file: path, setting: "", reason: "a value has the wrong type or is out of range")
        }
    }

    /// Decodes a deserialised JSON document.
    static func decodeDocument<Settings: Decodable>(_ document: Any, as type: Settings.Type) throws -> Settings {
        try JSONDecoder().decode(Settings.self, from: JSONSerialization.data(withJSONObject: document))
    }

    /// Every non-object value of `object` with its dotted key path.
    static func leaves(of object: [String: Any], keyPath: String) -> [(String, Any)] {
        object.sorted { $0.key < $1.key }.flatMap { key, value -> [(String, Any)] in
            let full = keyPath.isEmpty ? key : "\(keyPath).\(key)"
            if let inner = value as? [String: Any] { return leaves(of: inner, keyPath: full) }
            return [(full, value)]
        }
    }

    /// `value` nested under `keys` (`["a", "b"]` gives `{"a": {"b": value}}`).
    static func nested(_ keys: [String], _ value: Any) -> Any {
        keys.reversed().reduce(value) { inner, key in [key: inner] }
    }

    /// Lays the JSON value `overlay` over `base`, refusing keys that `base` lacks and values whose
    /// JSON kind (object, list, string, or number/boolean) differs from the default's.
    static func merge(_ overlay: Any, over base: Any, path: String, keyPath: String) throws -> Any {
        guard let overlayObject = overlay as? [String: Any], let baseObject = base as? [String: Any] else {
            if jsonKind(of: overlay) != jsonKind(of: base) {
                throw SettingError(file: path, setting: keyPath, reason: "must be \(jsonKind(of: base)), got \(jsonKind(of: overlay))")
            }
            return overlay
        }
        var result = baseObject
        for (key, value) in overlayObject {
            let full = keyPath.isEmpty ? key : "\(keyPath).\(key)"
            if key.hasPrefix("_") { continue }   // "_comment" and the like
            guard let existing = baseObject[key] else { throw SettingError(file: path, setting: full, reason: "is not a setting (unknown key)") }
            result[key] = try merge(value, over: existing, path: path, keyPath: full)
        }
        return result
    }

    /// The JSON kind of a deserialised value, in words.
    static func jsonKind(of value: Any) -> String {
        switch value {
        case is [String: Any]: return "an object"
        case is [Any]: return "a list"
        case is String: return "a string"
        case is NSNull: return "null"
        default: return "a number or true/false"
        }
    }

    /// The settings as pretty JSON with sorted keys (what `Pipelines/*.json` hold).
    public static func encode(_ settings: some Encodable) throws -> String {
        let encoder = JSONEncoder.readable()
        return String(decoding: try encoder.encode(settings), as: UTF8.self) + "\n"
    }
}
