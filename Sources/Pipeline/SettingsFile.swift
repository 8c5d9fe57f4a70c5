import Foundation

/// Reads settings from a JSON pipeline file laid over built-in defaults: a file may give only the
/// values it changes, and a key the settings do not have is an error (a typo never passes silently).
/// Settings types therefore hold no optionals: every key is present in the encoded defaults.
public enum SettingsFile {
    /// Why a pipeline file cannot be used.
    public enum Failure: Error, CustomStringConvertible {
        /// The file is missing or cannot be read.
        case unreadable(path: String, reason: String)
        /// The file names a setting that does not exist.
        case unknownKey(path: String, key: String)
        /// The file is not JSON, or a value has the wrong type.
        case invalid(path: String, reason: String)

        public var description: String {
            switch self {
            case let .unreadable(path, reason): return "\(path): cannot read pipeline file: \(reason)"
            case let .unknownKey(path, key): return "\(path): unknown setting \"\(key)\""
            case let .invalid(path, reason): return "\(path): \(reason)"
            }
        }
    }

    /// `defaults` with the values of the JSON file at `url` laid over them.
    public static func load<Settings: Codable>(_ url: URL, over defaults: Settings) throws -> Settings {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw Failure.unreadable(path: url.path, reason: FileManager.default.fileExists(atPath: url.path) ? "\(error)" : "no such file")
        }
        return try decode(data, over: defaults, path: url.path)
    }

    /// `defaults` with the values of JSON `data` laid over them; `path` names the source in errors.
    public static func decode<Settings: Codable>(_ data: Data, over defaults: Settings, path: String) throws -> Settings {
        let base = try JSONSerialization.jsonObject(with: JSONEncoder().encode(defaults))
        let overlay: Any
        do { overlay = try JSONSerialization.jsonObject(with: data) } catch {
            throw Failure.invalid(path: path, reason: "not valid JSON (\(error.localizedDescription))")
        }
        let merged = try merge(overlay, over: base, path: path, keyPath: "")
        do {
            return try JSONDecoder().decode(Settings.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Failure.invalid(path: path, reason: "setting \"\(key)\" has the wrong type (\(context.debugDescription))")
        }
    }

    /// Lays the JSON value `overlay` over `base`, refusing keys that `base` lacks.
    static func merge(_ overlay: Any, over base: Any, path: String, keyPath: String) throws -> Any {
        guard let overlayObject = overlay as? [String: Any], let baseObject = base as? [String: Any] else {
            return overlay
        }
        var result = baseObject
        for (key, value) in overlayObject {
            let full = keyPath.isEmpty ? key : "\(keyPath).\(key)"
            if key.hasPrefix("_") { continue }   // "_comment" and the like
            guard let existing = baseObject[key] else { throw Failure.unknownKey(path: path, key: full) }
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
