/// A setting whose value is one of a few names (an enum with string raw values): read from JSON, an
/// unknown name is an error listing the allowed ones (`"foo" is not one of bow, vlad, fisher`),
/// which `JSONProblem` and `SettingsFile` pass on as it is.
public protocol SettingChoice: RawRepresentable<String>, CaseIterable, Codable {}

extension SettingChoice {
    /// Reads a name, refusing an unknown one (or a value that is no name) with the list of allowed names.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let name = try? container.decode(String.self), let value = Self(rawValue: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "it must be one of \(Self.choices)")
        }
        self = value
    }

    /// The allowed names, comma-separated.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
