import Foundation

/// The lines of a dataset's list file (class index, split list, CSV), as their authors write them:
/// CRLF or LF line ends, a possible byte-order mark, blank lines ignored.
struct ListFile {
    /// One non-blank line: its 1-based number in the file and its text without the line end.
    struct Line {
        /// The line's number, counting from 1.
        let number: Int
        /// The text, without `\r` and surrounding white space.
        let text: String
    }

    /// The non-blank lines of `url` (a CRLF pair is one Swift character, so lines are split on any
    /// newline character, not on `"\n"`); `what` says what the file is, for the error when it is missing.
    static func lines(of url: URL, what: String) throws -> [Line] {
        guard FileManager.default.fileExists(atPath: url.path) else { throw DatasetError.missingFile(path: url.path, what: what) }
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw DatasetError.malformedLine(file: url.path, line: 1, text: "(binary data)", expected: "a text file")
        }
        var lines: [Line] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if index == 0, trimmed.hasPrefix("\u{FEFF}") { trimmed.removeFirst() }
            if !trimmed.isEmpty { lines.append(Line(number: index + 1, text: trimmed)) }
        }
        return lines
    }

    /// White-space separated fields of a line.
    static func fields(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}
