import Foundation

/// The reason a Foundation file or JSON error gives, as a few words for a one-line message
/// ("no such file", "permission denied", "not valid JSON", ...), instead of the multi-line
/// `NSCocoaErrorDomain` dump its `description` prints. Callers put the file's path in front.
public enum FileErrorReason {
    /// The short reason for `error`.
    public static func of(_ error: any Error) -> String {
        if let decoding = error as? DecodingError { return of(decoding) }
        let ns = error as NSError
        // A read of something that is not a regular file fails as "permission denied" or a bare
        // error number: say what the thing is.
        if let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path,
           let kind = notARegularFile(path), kind != "missing" {
            return kind
        }
        if ns.domain == NSPOSIXErrorDomain { return posix(Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posix(Int32(underlying.code))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileReadInapplicableStringEncodingError: return "not UTF-8 text"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            case NSPropertyListReadCorruptError: return "not valid JSON"
            default: break
            }
        }
        return ns.localizedDescription
    }

    /// One line for a raw Foundation error (file system, POSIX or JSON) that reached the user
    /// without a project error around it: the file it names, if any, and the short reason. Nil for
    /// the project's own errors, which already read that way.
    public static func line(for error: any Error) -> String? {
        let ns = error as NSError
        guard error is DecodingError || ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        return path.map { "\($0): \(of(error))" } ?? of(error)
    }

    /// What is at `path` when it is not a regular file one can read (links followed): "missing", "a
    /// symbolic link loop", "a symbolic link to X, which is missing", "a folder, not a file", "a
    /// FIFO (named pipe), not a regular file", "a character device, not a regular file", ...; nil for
    /// a regular file.
    public static func notARegularFile(_ path: String) -> String? {
        var link = stat(), target = stat()
        guard lstat(path, &link) == 0 else { return "missing" }
        if stat(path, &target) != 0 {
            let reason = errno
            guard (link.st_mode & S_IFMT) == S_IFLNK else { return posix(reason) }
            if reason == ELOOP { return "a symbolic link loop" }
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            return reason == ENOENT ? "a symbolic link to \(destination), which is missing" : "a symbolic link to \(destination): \(posix(reason))"
        }
        let via = (link.st_mode & S_IFMT) == S_IFLNK ? " (a symbolic link to \((try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"))" : ""
        switch target.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder, not a file" + via
        case S_IFIFO: return "a FIFO (named pipe), not a regular file" + via
        case S_IFCHR: return "a character device, not a regular file" + via
        case S_IFBLK: return "a block device, not a regular file" + via
        case S_IFSOCK: return "a socket, not a regular file" + via
        default: return "not a regular file" + via
        }
    }

    /// Why `folder` could not be created: its nearest existing ancestor is a file, or cannot be
    /// written to; otherwise the reason `error` gives (Foundation often says only "error 512").
    public static func creatingFolder(_ folder: URL, _ error: any Error) -> String {
        var ancestor = folder.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) && ancestor.path != "/" {
            ancestor = ancestor.deletingLastPathComponent()
        }
        if !isFolder.boolValue { return "\(ancestor.path) is a file, not a folder" }
        if access(ancestor.path, W_OK) != 0 { return "cannot create anything in \(ancestor.path): \(posix(errno))" }
        return of(error)
    }

    /// What went wrong decoding JSON, naming the key.
    static func of(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context):
            let parent = path(context)
            return "missing key \"\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\"\(path(context))\" has the wrong type"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\"\(path(context))\": \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// The C library's message for `code`, lower-cased like the rest of the project's messages.
    static func posix(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
