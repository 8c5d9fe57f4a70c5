import Foundation
import Support

/// Removes what runs killed half-way left behind: the `.NAME.tmp-PID-*` files and folders that
/// atomic writes (`AtomicFile`) build before renaming them into place. An entry is removed only when
/// the process that made it no longer runs on this machine, so a live writer is never disturbed.
public enum StaleTemporaries {
    /// The process id in a temporary name (`.NAME.tmp-PID-TAG`), if it is one.
    package static func writer(of name: String) -> Int32? {
        guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let rest = name[range.upperBound...]
        guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { return nil }
        return pid
    }

    /// True when process `pid` runs on this machine.
    static func isRunning(_ pid: Int32) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }

    /// Removes stale temporaries in `folder` (and its sub-folders when `recursive`) whose names
    /// start with `prefix` (every one when nil); returns the paths removed.
    @discardableResult
    public static func remove(in folder: URL, prefix: String? = nil, recursive: Bool = false) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            if let pid = writer(of: name), prefix.map({ name.hasPrefix($0) }) ?? true {
                if !isRunning(pid), (try? fm.removeItem(at: url)) != nil { removed.append(url.path) }
                continue
            }
            var isDirectory: ObjCBool = false
            if recursive, fm.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                removed += remove(in: url, prefix: prefix, recursive: true)
            }
        }
        return removed
    }
}
