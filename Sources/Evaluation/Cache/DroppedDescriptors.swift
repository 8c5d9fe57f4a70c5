import Foundation
import Support

/// The descriptor cache of a finished run, dropped to save disk (`evaluate --drop-descriptors`).
///
/// Dropping swaps the folder `cache/descriptors-<fingerprint>` in one rename for a folder holding
/// only the clips' `.skipped` records and the marker `dropped.json` (`AtomicFile.replaceDirectory`),
/// then removes the old one: a run killed half-way leaves either the whole cache or the dropped one,
/// and at worst a temporary that `StaleTemporaries` removes. With the marker there, a clip without
/// descriptors is `.dropped` rather than missing: finish uses its cached vocabulary or GMM and
/// encodings, and computes the descriptors again only when an encoding it needs is not cached.
enum DroppedDescriptors {
    /// What the marker records.
    struct Marker: Codable {
        /// When the descriptors were dropped.
        var dropped: Date
        /// Clips whose descriptors were dropped.
        var clips: Int
        /// Bytes freed.
        var bytes: Int
    }

    /// The marker file in a descriptor folder.
    static func marker(in folder: URL) -> URL { folder.appendingPathComponent("dropped.json") }

    /// True when the plan's descriptors were dropped (and not all computed again since).
    static func isDropped(_ plan: EvaluationPlan, in output: URL) -> Bool {
        FileManager.default.fileExists(atPath: marker(in: plan.descriptorFolder(in: output)).path)
    }

    /// Drops the plan's descriptors, keeping the clips' skipped records; returns the marker written.
    @discardableResult
    static func drop(_ plan: EvaluationPlan, in output: URL) throws -> Marker {
        let folder = plan.descriptorFolder(in: output)
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        // Every file's bytes, the vocabulary's exact rows in their subfolder included.
        let files = fm.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])?.allObjects as? [URL] ?? []
        let bytes = files.reduce(0) { total, file in
            let values = try? file.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            return total + (values?.isRegularFile == true ? values?.fileSize ?? 0 : 0)
        }
        let described = plan.clips.count { plan.state(of: $0, in: output) == .described }
        let marker = Marker(dropped: Date(), clips: described, bytes: bytes)
        try AtomicFile.replaceDirectory(at: folder) { temp in
            for name in names where name.hasSuffix(".skipped") {
                try fm.copyItem(at: folder.appendingPathComponent(name), to: temp.appendingPathComponent(name))
            }
            try AtomicFile.write(try StageRecord.encoder.encode(marker), to: Self.marker(in: temp))
        }
        return marker
    }

    /// Removes the marker once every clip is described again.
    static func clear(_ plan: EvaluationPlan, in output: URL) {
        try? FileManager.default.removeItem(at: marker(in: plan.descriptorFolder(in: output)))
    }
}
