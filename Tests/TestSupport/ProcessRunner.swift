import Foundation

/// What a finished child process said.
public struct ProcessOutput: Sendable {
    /// The exit status (or the signal number when it was killed by one).
    public var status: Int32
    /// Everything it wrote to standard output.
    public var stdout: String
    /// Everything it wrote to standard error.
    public var stderr: String
}

/// Runs programs the way a user would, for tests of the binary and of reference tools.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` (and extra `environment` entries), waits, and returns its output.
    /// Both pipes are drained while it runs, so a chatty child never blocks.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                           currentDirectory: URL? = nil) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorData = ErrorDrain(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                             stderr: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// Runs a program found on PATH (through `/usr/bin/env`).
    public static func run(command: String, _ arguments: [String]) throws -> ProcessOutput {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [command] + arguments)
    }

    /// Reads a pipe to its end on another thread.
    private final class ErrorDrain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            DispatchQueue.global().async {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}

/// The pid of a process that has ended (so no live writer owns a temporary named after it).
public func endedProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
