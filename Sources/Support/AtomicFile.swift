import CAtomicRename
import Foundation

/// Writes files and folders so that readers see either the old content or the complete new one:
/// content goes to a temporary sibling first, then a `rename(2)` puts it in place. A run killed
/// half-way leaves only a `.tmp-*` sibling that nothing trusts.
public enum AtomicFile {
    /// A temporary sibling path for `url`, unique to this process and call.
    public static func temporarySibling(of url: URL) -> URL {
        let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(tag)")
    }

    /// Writes `data` to `url` atomically, creating the parent folder when needed.
    public static func write(_ data: Data, to url: URL) throws {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.creatingFolder(parent, error))
        }
        do {
            let temp = temporarySibling(of: url)
            try data.write(to: temp)
            // Flush the content before the rename, so a crash never leaves a renamed but empty file.
            let handle = try FileHandle(forWritingTo: temp)
            try handle.synchronize()
            try handle.close()
            if rename(temp.path, url.path) != 0 {
                let reason = FileErrorReason.posix(errno)
                try? fm.removeItem(at: temp)
                throw SupportError.cannotWrite(path: url.path, reason: reason)
            }
        } catch let failure as SupportError {
            throw failure
        } catch {
            throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.of(error))
        }
    }

    /// Writes a text file atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Builds files at a temporary sibling with `fill`, then puts them into the folder `url` without
    /// touching what is not `owned` there: a folder holding only owned files (or none) is swapped
    /// whole (`replaceDirectory`); else the owned files are removed, `last` first, and the new ones
    /// moved in one by one (each a `rename(2)`), `last` at the end, so a reader that trusts the
    /// folder by `last` sees the old set, no set, or the whole new one, never a mix.
    public static func replaceFiles(in url: URL, owned: (String) -> Bool, last: String, fill: (URL) throws -> Void) throws {
        let fm = FileManager.default
        let present = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
        guard present.contains(where: { !owned($0) }) else {
            try replaceDirectory(at: url, fill: fill)
            return
        }
        let temp = temporarySibling(of: url)
        do { try fm.createDirectory(at: temp, withIntermediateDirectories: true) } catch {
            throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.creatingFolder(temp, error))
        }
        defer { try? fm.removeItem(at: temp) }
        try fill(temp)
        let made = try fm.contentsOfDirectory(atPath: temp.path).sorted { ($0 == last ? 1 : 0, $0) < ($1 == last ? 1 : 0, $1) }
        for name in [last] + present.filter({ owned($0) && $0 != last }) {
            let old = url.appendingPathComponent(name)
            if fm.fileExists(atPath: old.path) || (try? fm.destinationOfSymbolicLink(atPath: old.path)) != nil {
                do { try fm.removeItem(at: old) } catch { throw SupportError.cannotWrite(path: old.path, reason: FileErrorReason.of(error)) }
            }
        }
        for name in made where rename(temp.appendingPathComponent(name).path, url.appendingPathComponent(name).path) != 0 {
            throw SupportError.cannotWrite(path: url.appendingPathComponent(name).path, reason: FileErrorReason.posix(errno))
        }
    }

    /// Builds a folder at a temporary sibling with `fill`, then moves it to `url`, replacing what was there.
    public static func replaceDirectory(at url: URL, fill: (URL) throws -> Void) throws {
        let fm = FileManager.default
        let temp = temporarySibling(of: url)
        do { try fm.createDirectory(at: temp, withIntermediateDirectories: true) } catch {
            throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.creatingFolder(temp, error))
        }
        do {
            try fill(temp)
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
        if fm.fileExists(atPath: url.path) {
            // rename(2) cannot replace a non-empty folder. Swap the two atomically where the system
            // can (renameat2), so a reader never finds the folder missing; else move the old one aside first.
            if zae_exchange_paths(temp.path, url.path) == 0 {
                try? fm.removeItem(at: temp)
                return
            }
            let old = temporarySibling(of: url)
            guard rename(url.path, old.path) == 0 else {
                throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.posix(errno))
            }
            guard rename(temp.path, url.path) == 0 else {
                _ = rename(old.path, url.path)
                throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.posix(errno))
            }
            try? fm.removeItem(at: old)
        } else if rename(temp.path, url.path) != 0 {
            throw SupportError.cannotWrite(path: url.path, reason: FileErrorReason.posix(errno))
        }
    }
}
