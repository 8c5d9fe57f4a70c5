import Foundation

/// Finds files under a folder by relative path, exactly when possible and otherwise ignoring
/// capitalisation (the UCF101 lists and folders disagree on it, e.g. `HandstandPushups` and
/// `v_HandStandPushups_...`), remembering which paths needed the second way.
final class CaseInsensitiveFiles {
    /// The folder the relative paths start from.
    let base: URL
    /// Lower-cased names to real names, per folder already listed.
    private var listings: [String: [String: String]] = [:]
    /// `(as listed, as found)` for every path that matched only case-insensitively.
    private(set) var inexact: [(listed: String, found: String)] = []

    /// A lookup under `base`.
    init(base: URL) { self.base = base }

    /// The file at `relative` under the base, or nil when there is none even ignoring capitalisation.
    func find(_ relative: String) -> URL? {
        let exact = base.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: exact.path) { return exact }
        var folder = base
        var realParts: [String] = []
        for part in relative.split(separator: "/").map(String.init) {
            guard let real = entries(of: folder)[part.lowercased()] else { return nil }
            realParts.append(real)
            folder = folder.appendingPathComponent(real)
        }
        inexact.append((relative, realParts.joined(separator: "/")))
        return folder
    }

    /// One sentence about the paths that matched only ignoring capitalisation, or nil when all matched exactly.
    var note: String? {
        guard let first = inexact.first else { return nil }
        return "\(inexact.count) listed path\(inexact.count == 1 ? "" : "s") matched \(inexact.count == 1 ? "its file" : "their files") only ignoring capitalisation "
            + "(e.g. \(first.listed) is \(first.found)); they are used"
    }

    /// The folder's entries by lower-cased name (listed once).
    private func entries(of folder: URL) -> [String: String] {
        if let known = listings[folder.path] { return known }
        var map: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] { map[name.lowercased()] = name }
        listings[folder.path] = map
        return map
    }
}
