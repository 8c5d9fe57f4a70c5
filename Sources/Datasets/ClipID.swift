import Foundation
import Support

/// The name of a CSV-layout clip: its normalised path, extension included, with `%` written `%25`
/// and `/` written `%2F`, so that different paths never share a name (`sub/a.avi` is `sub%2Fa.avi`,
/// `sub__a.avi` stays as it is, `dup.AVI` and `dup.avi` differ) and the name is one file name in the
/// cache. A name longer than `maximumLength` bytes is cut and ends in the path's fingerprint.
enum ClipID {
    /// The longest name, in UTF-8 bytes (file systems allow 255 for the cache files' whole names).
    static let maximumLength = 200

    /// The name of the clip at the normalised relative `path`.
    static func of(path: String) -> String {
        let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
        guard escaped.utf8.count > maximumLength else { return escaped }
        var fingerprint = Fingerprint()
        fingerprint.combine(path)
        var cut = Substring(escaped)
        while cut.utf8.count > maximumLength - 17 { cut.removeLast() }
        return "\(cut)~\(fingerprint)"
    }
}
