import Foundation
import Support

/// Reads settings from a JSON pipeline file laid over built-in defaults: a file may give only the
/// values it changes, and a key the settings do not have is an error (a typo never passes silently).
/// Settings types therefore hold no optionals: every key is present in the encoded defaults.
/// Every problem is a `SettingError` naming the file and the setting.
public enum SettingsFile {
    /// `defaults` with the values of the JSON file at `url` laid over them.
    public static func load<Settings: Codable>(_ url: URL, over defaults: Settings) throws(SettingError) -> Settings {
        if let kind = FileErrorReason.notARegularFile(url.path) {
            throw SettingError(file: url.path, setting: "", reason: "cannot read pipeline file: \(kind == "missing" ? "no such file" : "it is \(kind)")")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SettingError(file: url.path, setting: "", reason: "cannot read pipeline file: \(FileErrorReason.of(error))")
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
            throw SettingError(file: path, setting: "", reason: "must hold a JSON object of settings, not \(overlay is NSNull ? "null" : overlay is [Any] ? "a list" : "a single value")")
        }
        if let key = JSONProblem.duplicateKey(in: data) {
            throw SettingError(file: path, setting: key, reason: "is given twice (a JSON reader would silently take the last value): keep one")
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
    /// count, a name that is not one of a choice's) is named by its setting, with what was found and
    /// what is allowed (`JSONProblem`); where even that cannot tell, by laying the overlay's values
    /// over the defaults one at a time until one fails.
    static func decodeMerged<Settings: Decodable>(_ merged: Any, as type: Settings.Type, base: Any, overlay: [String: Any],
                                                  path: String) throws -> Settings {
        let data = try JSONSerialization.data(withJSONObject: merged)
        do {
            return try JSONDecoder().decode(Settings.self, from: data)
        } catch {
            let problem = JSONProblem(error, decoding: Settings.self, from: data)
            if !problem.path.isEmpty { throw SettingError(file: path, setting: problem.path, reason: problem.reason) }
            for (key, value) in leaves(of: overlay, keyPath: "") {
                let single = try merge(nested(key.split(separator: ".").map(String.init), value), over: base, path: path, keyPath: "")
                if (try? decodeDocument(single, as: Settings.self)) == nil {
                    throw SettingError(file: path, setting: key, reason: "is \(JSONProblem.text(value)), which does not fit it")
                }
            }
            throw SettingError(file: path, setting: "", reason: problem.reason)
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

    /// Lays the JSON value `overlay` over `base`, refusing keys that `base` lacks (a value of the
    /// wrong kind is left for the decoder, whose error says what the setting takes: `JSONProblem`).
    static func merge(_ overlay: Any, over base: Any, path: String, keyPath: String) throws -> Any {
        guard let overlayObject = overlay as? [String: Any], let baseObject = base as? [String: Any] else { return overlay }
        var result = baseObject
        for (key, value) in overlayObject {
            let full = keyPath.isEmpty ? key : "\(keyPath).\(key)"
            if key.hasPrefix("_") { continue }   // "_comment" and the like
            guard let existing = baseObject[key] else { throw SettingError(file: path, setting: full, reason: "is not a setting (unknown key)") }
            result[key] = try merge(value, over: existing, path: path, keyPath: full)
        }
        return result
    }

    /// The settings as pretty JSON with sorted keys (what `Pipelines/*.json` hold).
    public static func encode(_ settings: some Encodable) throws -> String {
        let encoder = JSONEncoder.readable()
        return String(decoding: try encoder.encode(settings), as: UTF8.self) + "\n"
    }
}
