import Foundation
import Linalg
import Runs
import Support

/// What one run of a stage took, written to `<out>/stages/` when the stage ends: the stage (and
/// shard), the host, wall time, the process's peak resident memory and, for descriptor shards,
/// the clips it described, found cached, recomputed or skipped. `status` and the report read these.
public struct StageRecord: Codable, Sendable, Equatable {
    /// Clip counts of a descriptor shard.
    public struct Clips: Codable, Sendable, Equatable {
        /// Clips in the shard.
        public var total: Int
        /// Described by this run.
        public var described: Int
        /// Found cached and valid.
        public var cached: Int
        /// Cached files that were invalid and computed again.
        public var recomputed: Int
        /// Clips that could not be described (recorded with their reasons).
        public var skipped: Int
        /// Clips whose descriptors were dropped after an earlier finish and not needed again.
        public var dropped: Int?
    }

    /// The stage that ran.
    public var stage: EvaluationStage
    /// The descriptor shard, when the stage is `descriptors`.
    public var shard: ClipShard?
    /// The machine that ran it.
    public var host: String
    /// When it ended.
    public var finished: Date
    /// Wall-clock seconds.
    public var seconds: Double
    /// The peak resident memory of the process so far, in MB (the whole process: in a one-process
    /// evaluate, later stages include the earlier ones' peak).
    public var peakMemoryMB: Double
    /// Clip counts (descriptor shards only).
    public var clips: Clips?
    /// Finish only: true when the descriptor cache is dropped (`evaluate --drop-descriptors`).
    public var descriptorsDropped: Bool?

    enum CodingKeys: String, CodingKey {
        case stage, shard, host, finished, seconds, peakMemoryMB = "peak_memory_mb", clips, descriptorsDropped = "descriptors_dropped"
    }

    /// A record of a stage that ran for `seconds` and just ended.
    init(stage: EvaluationStage, shard: ClipShard? = nil, seconds: Double, clips: Clips? = nil) {
        self.stage = stage
        self.shard = shard
        self.host = ProcessInfo.processInfo.hostName
        self.finished = Date()
        self.seconds = seconds
        self.peakMemoryMB = Self.peakResidentMB()
        self.clips = clips
    }

    /// The process's peak resident set size so far, in MB.
    static func peakResidentMB() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Double(usage.ru_maxrss) / 1024
    }

    /// The folder of the records.
    static func folder(in output: URL) -> URL { output.appendingPathComponent("stages") }

    /// This record's file: `prepare.json`, `descriptors-I-of-N.json` or `finish.json`.
    var fileName: String { shard.map { "\(stage.rawValue)-\($0.index)-of-\($0.count).json" } ?? "\(stage.rawValue).json" }

    /// Writes the record into `output/stages/` atomically.
    func write(to output: URL) throws {
        try AtomicFile.write(try Self.encoder.encode(self), to: Self.folder(in: output).appendingPathComponent(fileName))
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder.readable()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Reads what `encoder` wrote (dates as ISO 8601), here and in `report.json`.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The record files in `output` that cannot be read, each `path: reason` (`all` leaves them out).
    public static func unreadable(in output: URL) -> [String] {
        let folder = folder(in: output)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().compactMap { name in
            let file = folder.appendingPathComponent(name)
            do { _ = try JSONProblem.decode(StageRecord.self, from: Data(contentsOf: file), decoder: decoder) } catch {
                return "\(file.path): \((error as? SupportError).map(\.description) ?? FileErrorReason.of(error))"
            }
            return nil
        }
    }

    /// Every record in `output`, oldest first.
    public static func all(in output: URL) -> [StageRecord] {
        let decoder = Self.decoder
        let folder = folder(in: output)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .compactMap { try? decoder.decode(StageRecord.self, from: Data(contentsOf: folder.appendingPathComponent($0))) }
            .sorted { ($0.finished, $0.fileName) < ($1.finished, $1.fileName) }
    }
}
