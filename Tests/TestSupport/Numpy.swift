import Foundation

/// python3 with numpy, the independent reference for array files and numerics.
public enum Numpy {
    /// Whether `python3` on PATH imports numpy (checks that need it skip, visibly, without it).
    public static let isAvailable: Bool = (try? ProcessRunner.run(command: "python3", ["-c", "import numpy"]))?.status == 0

    /// Runs `script` with `arguments` (as `sys.argv[1...]`) and returns what it printed; throws when it fails.
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        let result = try ProcessRunner.run(command: "python3", ["-c", script] + arguments)
        guard result.status == 0 else { throw ScriptFailed(status: result.status, stderr: result.stderr) }
        return result.stdout
    }

    /// A numpy script exited non-zero.
    public struct ScriptFailed: Error, CustomStringConvertible {
        /// Its exit status.
        public var status: Int32
        /// What it wrote to standard error.
        public var stderr: String
        public var description: String { "python3 exited \(status): \(stderr)" }
    }
}
