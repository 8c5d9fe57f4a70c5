import Datasets
import Foundation
import Runs
import Support

/// `index.csv` of an extraction folder: one row per input clip with where its features went, its
/// decoded frames, the source's size, the rows written, the seconds it took, and for a clip that
/// was skipped the reason. A run over shard I of N writes `index-I-of-N.csv` and then merges every
/// shard file of that N present into `index.csv`, so the folder's index lists what all shards did.
public struct ExtractionIndex: Sendable, Equatable {
    /// One clip's line.
    public struct Row: Sendable, Equatable {
        /// What happened to the clip.
        public enum Status: String, Sendable {
            /// Described in this run.
            case extracted
            /// Its valid features were already there.
            case kept
            /// It could not be described (the reason says why).
            case skipped
        }

        /// The clip's output name (its path relative to the input, without extension).
        public var clip: String
        /// The video file.
        public var input: String
        /// The features file, relative to the folder (empty when skipped).
        public var features: String
        /// What happened.
        public var status: Status
        /// Frames decoded (nil when unknown: skipped before decoding, or kept from a run without an index).
        public var frames: Int?
        /// The source's frame width and height in pixels.
        public var width: Int?, height: Int?
        /// Rows written.
        public var rows: Int?
        /// Seconds spent decoding and describing it.
        public var seconds: Double?
        /// Why it was skipped.
        public var reason: String

        /// A row.
        public init(clip: String, input: String, features: String, status: Status, frames: Int? = nil, width: Int? = nil,
                    height: Int? = nil, rows: Int? = nil, seconds: Double? = nil, reason: String = "") {
            self.clip = clip
            self.input = input
            self.features = features
            self.status = status
            self.frames = frames
            self.width = width
            self.height = height
            self.rows = rows
            self.seconds = seconds
            self.reason = reason
        }
    }

    /// The rows, in input order.
    public var rows: [Row]

    static let header = ["clip", "input", "features", "status", "frames", "width", "height", "rows", "seconds", "reason"]

    /// The index file of a whole run, or of one shard.
    static func file(in folder: URL, shard: ClipShard) -> URL {
        folder.appendingPathComponent(shard.count == 1 ? "index.csv" : "index-\(shard.index)-of-\(shard.count).csv")
    }

    /// The CSV text.
    var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
        let lines = rows.map { row -> String in
            let seconds = row.seconds.map { String(format: "%.3f", $0) } ?? ""
            let fields: [String] = [row.clip, row.input, row.features, row.status.rawValue, number(row.frames), number(row.width),
                                    number(row.height), number(row.rows), seconds, row.reason.replacingOccurrences(of: "\n", with: " ")]
            return fields.map(field).joined(separator: ",")
        }
        return ([Self.header.joined(separator: ",")] + lines).joined(separator: "\n") + "\n"
    }

    /// The rows of the index at `url`; empty when it is missing or not an index.
    static func read(_ url: URL) -> [Row] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.first == header.joined(separator: ",") else { return [] }
        return lines.dropFirst().compactMap { line in
            guard let f = CSVLayout.fields(line), f.count == header.count, let status = Row.Status(rawValue: f[3]) else { return nil }
            return Row(clip: f[0], input: f[1], features: f[2], status: status, frames: Int(f[4]), width: Int(f[5]), height: Int(f[6]),
                       rows: Int(f[7]), seconds: Double(f[8]), reason: f[9])
        }
    }

    /// Every row recorded in `folder` by earlier runs (whole or sharded), by clip: what a kept clip's row is taken from.
    static func recorded(in folder: URL) -> [String: Row] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0 == "index.csv" || ($0.hasPrefix("index-") && $0.hasSuffix(".csv")) }.sorted()
        var rows: [String: Row] = [:]
        for name in names {
            for row in read(folder.appendingPathComponent(name)) where row.status != .skipped || rows[row.clip] == nil { rows[row.clip] = row }
        }
        return rows
    }

    /// Writes this shard's index and merges every shard file of the same count into `index.csv`
    /// (in the order of `inputs`). Returns the shard's file.
    @discardableResult
    func write(to folder: URL, shard: ClipShard, inputs: [VideoInput]) throws -> URL {
        let own = Self.file(in: folder, shard: shard)
        try AtomicFile.write(csv, to: own)
        guard shard.count > 1 else { return own }
        var byClip: [String: Row] = [:]
        for index in 0..<shard.count {
            for row in Self.read(Self.file(in: folder, shard: try ClipShard(index: index, count: shard.count))) { byClip[row.clip] = row }
        }
        try AtomicFile.write(ExtractionIndex(rows: inputs.compactMap { byClip[$0.name] }).csv, to: folder.appendingPathComponent("index.csv"))
        return own
    }
}
