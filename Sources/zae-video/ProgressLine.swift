import Foundation
import Learners

/// Progress for a person: redrawn in place on a terminal, one line per update elsewhere (logs, CI).
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = standardOutputIsTerminal
    private var lastLength = 0
    private var lastTransient = Date.distantPast

    /// Shows `text` as the current state; on a terminal it replaces the previous state line, elsewhere
    /// it is printed only when `permanent` (so logs get one line per epoch or stage, not a flood).
    func update(_ text: String, permanent: Bool = false) {
        lock.lock(); defer { lock.unlock() }
        if terminal {
            if !permanent && Date().timeIntervalSince(lastTransient) < 0.1 { return }
            lastTransient = Date()
            let padding = String(repeating: " ", count: max(0, lastLength - text.count))
            print("\r\(text)\(padding)", terminator: permanent ? "\n" : "")
            lastLength = permanent ? 0 : text.count
            fflush(nil)
        } else if permanent {
            print(text)
            fflush(nil)
        }
    }

    /// Prints a line of its own, after any state line.
    func line(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if terminal && lastLength > 0 { print(""); lastLength = 0 }
        print(text)
        fflush(nil)
    }
}

/// `  done/total  E elapsed, L left`: how far a counted stage is and, at its rate so far, how long it has left.
func countLine(done: Int, total: Int, elapsed: Double) -> String {
    let left = done > 0 ? elapsed / Double(done) * Double(total - done) : .nan
    return "  \(done)/\(total)  \(formatDuration(elapsed)) elapsed, \(formatDuration(left)) left"
}

/// Seconds as `1h02m`, `3m05s` or `42s`.
func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
    if s >= 60 { return String(format: "%dm%02ds", s / 60, s % 60) }
    return "\(s)s"
}

/// What a command says after removing the temporaries of killed runs from its output.
func removedTemporariesLine(_ count: Int) -> String { "removed \(count) temporary file(s) left by a killed run" }

/// One training epoch as a progress line, the same for every command:
/// `[MODEL ]epoch E/T  cost C[  active A%][  N blocks/s]  left D`.
func epochLine(_ report: EpochReport, of total: Int, model: String? = nil, examples: Int? = nil) -> String {
    var text = (model.map { "\($0) " } ?? "") + "epoch \(report.epoch)/\(total)  cost \(String(format: "%.4g", report.cost))"
    if let active = report.activeFraction { text += "  active \(String(format: "%.1f", 100 * active))%" }
    if let examples { text += "  \(Int(Double(examples) / max(report.seconds, 1e-9))) blocks/s" }
    return text + "  left \(formatDuration(report.seconds * Double(total - report.epoch)))"
}
