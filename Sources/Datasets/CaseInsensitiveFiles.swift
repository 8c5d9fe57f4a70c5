import Foundation

/// Finds files under a folder by relative path, exactly when possible and otherwise ignoring
/// capitalisation (the UCF101 lists and folders disagree on it, e.g. `HandstandPushups` and
/// `v_HandStandPushups_...`) and the Unicode normalisation form (a list in NFC, a folder in NFD:
/// the same name, other bytes), remembering which paths needed which.
final class CaseInsensitiveFiles {
    /// The folder the relative paths start from.
    let base: URL
    /// Lower-cased names to real names, per folder already listed (Swift compares and hashes
    /// strings by canonical equivalence, so an NFC key finds an NFD name).
    private var listings: [String: [String: String]] = [:]
    /// `(as listed, as found)` for every path that matched only ignoring capitalisation.
    private(set) var inexact: [(listed: String, found: String)] = []
    /// `(as listed, as found)` for every path whose name is the file's in another Unicode form only.
    private(set) var otherForm: [(listed: String, found: String)] = []

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
        let found = realParts.joined(separator: "/")
        if found == relative { otherForm.append((relative, found)) } else { inexact.append((relative, found)) }
        return folder
    }

    /// Sentences about the paths that matched only ignoring capitalisation or the Unicode form (none when all matched exactly).
    var notes: [String] {
        func sentence(_ paths: [(listed: String, found: String)], _ how: String) -> String? {
            guard let first = paths.first else { return nil }
            let one = paths.count == 1
            return "\(paths.count) listed path\(one ? "" : "s") matched \(one ? "its file" : "their files") only \(how) "
                + "(e.g. \(first.listed)\(first.listed == first.found ? ", composed differently on disk" : " is \(first.found)")); they are used"
        }
        return [sentence(inexact, "ignoring capitalisation"), sentence(otherForm, "in another Unicode normalisation form")].compactMap { $0 }
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
