import Foundation
import Runs
import Support

/// Runs Slurm's client commands (`sbatch`, `squeue`, `scancel`), found on the PATH, and returns
/// what they printed; a failing command is an error quoting its message.
enum SlurmCommandLine {
    /// Runs `tool` with `arguments`; returns its standard output.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let line = ([tool] + arguments).joined(separator: " ")
        do { try process.run() } catch { throw EvaluationError.slurm(command: line, message: "\(error)") }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw EvaluationError.slurm(command: line, message: message.isEmpty ? "exit status \(process.terminationStatus)"
                          : process.terminationStatus == 127 ? "\(tool) not found (install slurm-client)" : message)
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
