import Foundation

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// True when standard output is a terminal (progress is redrawn in place there).
var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

/// An error already phrased as the one line the user sees.
struct OneLineError: Error, CustomStringConvertible {
    /// The line.
    let description: String
}
