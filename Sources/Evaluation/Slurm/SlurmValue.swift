import Foundation
import Support

/// The checks of every value a batch script is written from, before anything is written: a control
/// character (a newline above all: it would end an `#SBATCH` line and start a shell command) is
/// refused in every value, and `--time`, `--mem`, `--partition` and `--account` must have Slurm's
/// own syntax. Each refusal (`EvaluationError.slurmValue`) names the flag and shows the value with its
/// control characters escaped.
public enum SlurmValue {

    /// Refuses a value holding a control character.
    static func plain(_ value: String, flag: String) throws {
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw EvaluationError.slurmValue(flag: flag, value: value, reason: "holds a control character (such as a newline), which no batch script may carry")
        }
    }

    /// Slurm's `--time`: minutes, minutes:seconds, hours:minutes:seconds, days-hours,
    /// days-hours:minutes, days-hours:minutes:seconds, or infinite/unlimited.
    static func time(_ value: String) throws {
        try plain(value, flag: "--time")
        let forms = [#"\d+"#, #"\d+:\d+"#, #"\d+:\d+:\d+"#, #"\d+-\d+"#, #"\d+-\d+:\d+"#, #"\d+-\d+:\d+:\d+"#, "(?i:infinite|unlimited)"]
        guard forms.contains(where: { value.wholeMatch(of: try! Regex($0)) != nil }) else {
            throw EvaluationError.slurmValue(flag: "--time", value: value, reason: "not a Slurm time (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS)")
        }
    }

    /// Slurm's `--mem`: a whole number with an optional unit K, M, G or T (none: megabytes), at least
    /// `SlurmMemory.minimumMiB` (no zae-video job runs in less), or 0 (all of a node's memory).
    static func memory(_ value: String) throws {
        try plain(value, flag: "--mem")
        guard let match = value.wholeMatch(of: #/(\d+)([KkMmGgTt]?)/#), let number = Double(match.1) else {
            throw EvaluationError.slurmValue(flag: "--mem", value: value, reason: "not a Slurm memory size (a whole number with K, M, G or T, for example 4G; no unit is megabytes)")
        }
        let mib = number * ["k": 1.0 / 1024, "m": 1, "g": 1024, "t": 1024 * 1024][match.2.lowercased(), default: 1]
        if mib > 1024 * 1024 * 1024 {
            throw EvaluationError.slurmValue(flag: "--mem", value: value, reason: "asks for more than a pebibyte, more than any node has")
        }
        if mib != 0 && mib < Double(SlurmMemory.minimumMiB) {
            throw EvaluationError.slurmValue(flag: "--mem", value: value, reason: "asks for \(MemorySize.text(Int(mib * 1_048_576))), less than the \(SlurmMemory.minimumMiB)M "
                          + "the smallest zae-video job gets (a number without unit is megabytes; 0 asks for all of a node's memory)")
        }
    }

    /// A Slurm name list (`--partition`, `--account`): names of letters, digits, `_`, `-` and `.`, separated by commas.
    static func names(_ value: String, flag: String) throws {
        try plain(value, flag: flag)
        guard value.wholeMatch(of: #/[A-Za-z0-9_.\-]+(,[A-Za-z0-9_.\-]+)*/#) != nil else {
            throw EvaluationError.slurmValue(flag: flag, value: value, reason: "not a Slurm name list (letters, digits, _, - and ., names separated by commas)")
        }
    }

    /// A further `sbatch` option (`--sbatch`): starts with `-`, without white space or quotes (an
    /// `#SBATCH` line splits at white space).
    static func option(_ value: String) throws {
        try plain(value, flag: "--sbatch")
        guard value.wholeMatch(of: #/--?[A-Za-z][^\s"']*/#) != nil else {
            throw EvaluationError.slurmValue(flag: "--sbatch", value: value, reason: "not one sbatch option (it starts with - and holds no white space or quotes, for example --qos=long)")
        }
    }

    /// A path written into an `#SBATCH` line (`--output`, `--chdir`): no control character and no
    /// double quote (it is written in double quotes when it holds white space).
    static func path(_ value: String, flag: String) throws {
        try plain(value, flag: flag)
        if value.contains("\"") { throw EvaluationError.slurmValue(flag: flag, value: value, reason: "holds a double quote, which an #SBATCH line cannot carry") }
    }

    /// `value` as an `#SBATCH` option value: in double quotes when it holds white space.
    static func quoted(_ value: String) -> String {
        value.contains(where: \.isWhitespace) ? "\"\(value)\"" : value
    }
}
