/// The one rule for a video path a dataset's list gives (HMDB51 split files, UCF101 lists, CSV
/// rows), in every layout: the path is relative to the folder the layout's paths start from, and
/// after `.` parts are dropped and each `..` cancels the part before it, it still lies inside that
/// folder. An absolute path or one that climbs out is refused naming the list's file and line, so a
/// list never makes a run read a file outside the dataset. (A listed file that is itself a symbolic
/// link may point anywhere: the rule is about what the list says, not where links lead.)
enum ListedPath {
    /// `listed` in normal form (`v/./a.avi` and `v/x/../a.avi` are `v/a.avi`); `file` and `line` say
    /// where it was listed and `folder` what it is relative to, for the error.
    static func normalised(_ listed: String, file: String, line: Int, folder: String) throws -> String {
        guard !listed.hasPrefix("/") else {
            throw DatasetError.pathOutside(file: file, line: line, path: listed, folder: folder, why: "is absolute")
        }
        var parts: [Substring] = []
        for part in listed.split(separator: "/") where part != "." {
            if part != ".." {
                parts.append(part)
            } else if parts.popLast() == nil {
                throw DatasetError.pathOutside(file: file, line: line, path: listed, folder: folder, why: "leads out of it")
            }
        }
        guard !parts.isEmpty else {
            throw DatasetError.pathOutside(file: file, line: line, path: listed, folder: folder, why: "names the folder itself, not a video")
        }
        return parts.joined(separator: "/")
    }
}
