import Foundation
import Learners
import Plots
import Recognition
import Runs
import Support

/// `report.html`, the page of one evaluation (one split), beside report.md: the means, what ran
/// (the model and a link to its page, the dataset and split, the encoding), AP per class as bars
/// beside the run's mean and the paper's figure, the confusion matrix of a single-label layout,
/// precision-recall curves, each class's top-ranked test clips as thumbnail strips with the false
/// positives marked, the settings that differ from the paper's and those the run had to reduce,
/// skipped clips, and the time and peak memory of every stage. Self-contained (`HTMLPage`).
public struct ReportPage: Sendable {
    /// The page's file name in an output folder.
    public static let fileName = "report.html"

    /// One test clip as ranked.
    public struct TestClip: Sendable {
        /// Its name.
        public var name: String
        /// Its video file.
        public var file: String
        /// `labels[a]`: it shows class a.
        public var labels: [Bool]
    }

    /// The finished report.
    public var report: EvaluationReport
    /// The classes, in the order of `scores` and every clip's labels.
    public var classes: [String]
    /// The test clips, in the order of every class's scores.
    public var clips: [TestClip]
    /// `scores[a][i]`: how strongly the classifier of class a ranks clip i.
    public var scores: [[Double]]
    /// The dataset in one line (layout, split, counts).
    public var dataset: String
    /// The clips shown per class: 4, or 2 past 24 classes (page size).
    var topCount: Int { classes.count > 24 ? 2 : 4 }

    /// A page of `report` over the test clips' `scores`.
    public init(report: EvaluationReport, classes: [String], clips: [TestClip], scores: [[Double]], dataset: String) {
        precondition(scores.count == classes.count && scores.allSatisfy { $0.count == clips.count }, "one score per class and test clip")
        self.report = report
        self.classes = classes
        self.clips = clips
        self.scores = scores
        self.dataset = dataset
    }

    /// How many clips' thumbnails the page decodes.
    public var thumbnailCount: Int { Set(classes.indices.flatMap { ranked($0).prefix(topCount) }).count }

    /// The page for an output folder at `output` (links are relative to it).
    public func page(output: URL) -> HTMLPage {
        var body: [HTML] = [.facts(headline)]
        let reduced = (report.adjustedSettings ?? []).count + (report.encoding?.adjustedSettings ?? []).count
        if reduced > 0 {
            body.append(.paragraph("\(reduced) setting\(reduced == 1 ? " was" : "s were") reduced to fit the data: see Reduced settings below.", class: "bad"))
        }
        body += [.heading("What ran"), .facts(whatRan)]
        let modelPage = URL(fileURLWithPath: report.model.bundle).appendingPathComponent(ModelBundle.pageName)
        if !report.model.bundle.isEmpty, FileManager.default.fileExists(atPath: modelPage.path) {
            body.append(.element("p", [], [.text("The model's page: "), .link(modelPage.path, to: modelPage, from: output)]))
        }
        body += apSection
        if let confusion = report.confusionChart {
            body += [.heading("Confusion matrix"), .drawing(confusion)]
        }
        body += [.heading("Precision and recall"), .drawing(SVGPrecisionRecall(
            title: "Precision-recall per class", curves: classes.indices.map { a in
                .init(name: classes[a], points: PrecisionRecallCurve.points(scores: scores[a], labels: clips.map { $0.labels[a] }),
                      ap: report.perClass[classes[a]]?.ap)
            }))]
        body += topRanked
        body += changedSettings
        if !report.skippedClips.isEmpty {
            body += [.heading("Skipped clips (\(report.skippedClips.count))"),
                     .table(header: ["clip", "reason"], rows: report.skippedClips.map { [.text($0.clip), .text($0.reason)] })]
        }
        body += stageTable
        if let settings = try? String(decoding: JSONEncoder.readable().encode(report.settings), as: UTF8.self) {
            body.append(.details("Every setting of the run (JSON)", [.element("pre", text: settings)]))
        }
        return HTMLPage(title: "Recognition: \(report.model.name) (\(report.model.features) \(report.model.kind == nil ? "values per row" : "features"))",
                        subtitle: dataset, body: body)
    }

    /// Writes the page into `output` atomically.
    public func write(to output: URL) throws {
        try page(output: output).write(to: output.appendingPathComponent(Self.fileName))
    }

    /// The numbers first.
    var headline: [(String, String)] {
        var facts = [("mean AP", EvaluationReport.percent(report.meanAP)), ("mean AP (11-point)", EvaluationReport.percent(report.meanAP11pt))]
        if report.confusion != nil {
            facts += [("accuracy (top-1)", EvaluationReport.percent(report.accuracy)),
                      ("mean class accuracy", EvaluationReport.percent(report.meanClassAccuracy))]
        }
        if !report.actionsWithoutAP.isEmpty {
            facts.append(("without AP", report.actionsWithoutAP.joined(separator: ", ") + " (no positive test clip; left out of the means)"))
        }
        return facts
    }

    /// The model, data, encoding and classifier.
    var whatRan: [(String, String)] {
        var facts = [("dataset", dataset)]
        if let kind = report.model.kind {
            facts.insert(contentsOf: [("model", "\(kind.rawValue): \(kind.title), \(report.model.features) features, inference \(report.model.inference?.rawValue ?? "?")"),
                                      ("bundle", report.model.bundle)], at: 0)
        } else {
            facts.insert(("descriptors", "the files in \(report.model.descriptors ?? "?"), \(report.model.features) values per row"), at: 0)
        }
        if let split = report.split { facts.append(("split", split)) }
        if let encoding = report.encoding { facts.append(("encoding", encoding.sentence)) }
        facts += (report.notes ?? []).map { ("note", $0) }
        return facts
    }

    /// Settings that differ from the paper's defaults, and those the run had to reduce.
    var changedSettings: [HTML] {
        guard let ran = try? JSONValue(encoding: report.settings), let paper = try? JSONValue(encoding: VideoPipelineSettings()) else { return [] }
        let defaults = Dictionary(paper.flattened().map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
        let changed = ran.flattened().filter { defaults[$0.path] != $0.text }
        var parts: [HTML] = [.heading("Settings that differ from the paper's")]
        parts.append(changed.isEmpty ? .paragraph("None: the paper's settings throughout.")
            : .table(header: ["setting", "this run", "paper"], rows: changed.map { [.text($0.path), .text($0.text), .text(defaults[$0.path] ?? "(none)")] }))
        let reduced = (report.adjustedSettings ?? []) + (report.encoding?.adjustedSettings ?? [])
        if !reduced.isEmpty {
            parts += [.heading("Reduced settings", level: 3)] + reduced.map { .paragraph($0.sentence + ".", class: "bad") }
        }
        return parts
    }

    /// The AP bar chart (with the run's mean and, for Hollywood2's multi-label layout, the paper's figure) and the table.
    var apSection: [HTML] {
        let multiLabel = report.confusion == nil
        var chart = report.chart
        if multiLabel, let paper = report.model.paperMeanAP {
            chart.references.append((String(format: "paper (Hollywood2) %.1f", paper), paper / 100))
        }
        let header = ["class", multiLabel ? "positives" : "test clips", "AP", "AP (11-point)"] + (multiLabel ? [] : ["accuracy"])
        let rows = classes.map { name -> [HTML] in
            let r = report.perClass[name]
            return [.text(name), .text(r.map { "\($0.positives)" } ?? ""), .text(EvaluationReport.percent(r?.ap)),
                    .text(EvaluationReport.percent(r?.ap11pt))] + (multiLabel ? [] : [.text(EvaluationReport.percent(report.classAccuracy(name)))])
        }
        return [.heading("Average precision per class"), .drawing(chart), .table(header: header, rows: rows, numeric: [1, 2, 3, 4])]
    }

    /// Test clip indices of class `a` in ranking order (as AP ranks them).
    func ranked(_ a: Int) -> [Int] { AveragePrecision.ranking(scores: scores[a], labels: clips.map { $0.labels[a] }) }

    /// Each class's top-ranked test clips as thumbnail strips, false positives outlined in red.
    var topRanked: [HTML] {
        let shown = classes.indices.map { Array(ranked($0).prefix(topCount)) }
        let needed = Array(Set(shown.joined())).sorted()
        let strips = ResultSlots<Result<EmbeddedImage, any Error>>(count: needed.count)
        ParallelWork.forEach(needed.count) { item, _ in
            strips[item] = Result { try EmbeddedImage.png(ClipStrip.make(path: clips[needed[item]].file, frames: 4, height: 40)) }
        }
        let thumbnail = Dictionary(uniqueKeysWithValues: zip(needed, strips.values.map { $0! }))
        var parts: [HTML] = [.heading("Top-ranked test clips"),
                             .paragraph("Each class's \(topCount) highest-scoring test clips, four frames of each; a red outline marks a false positive "
                                        + "(a clip that does not show the class), with the classes it does show.", class: "note")]
        for (a, name) in classes.enumerated() {
            let cards = shown[a].enumerated().map { rank, i -> HTML in
                let clip = clips[i], positive = clip.labels[a]
                let shows = classes.indices.filter { clip.labels[$0] }.map { classes[$0] }
                let picture: HTML
                switch thumbnail[i]! {
                case let .success(image): picture = .image(image, alt: clip.name)
                case let .failure(error): picture = .paragraph("no thumbnail: \(error)", class: "bad")
                }
                let verdict = positive ? "correct" : "false positive" + (shows.isEmpty ? "" : ": shows \(shows.joined(separator: ", "))")
                return .element("div", [("class", positive ? "clip" : "clip fp")], [
                    picture, .element("div", text: "\(rank + 1). \(clip.name)"),
                    .element("div", [("class", positive ? "good" : "bad")], text: String(format: "score %.3f, ", scores[a][i]) + verdict),
                ])
            }
            parts += [.heading(name, level: 3), .element("div", [("class", "strip")], cards)]
        }
        return parts
    }

    /// Each stage's (and shard's) time and peak memory.
    var stageTable: [HTML] {
        guard let stages = report.stages, !stages.isEmpty else { return [] }
        let rows = stages.map { s -> [HTML] in
            [.text(s.stage.rawValue + (s.shard.map { " \($0)" } ?? "")), .text(s.host), .text(String(format: "%.1f", s.seconds)),
             .text(MemorySize.text(Int(s.peakMemoryMB * 1e6))), .text(s.clips.map { "\($0.described) described, \($0.cached) cached, \($0.skipped) skipped" } ?? "")]
        }
        return [.heading("Time and memory"),
                .table(header: ["stage", "host", "seconds", "peak resident memory", "clips"], rows: rows, numeric: [2, 3]),
                .paragraph(String(format: "%.1f s in all.", report.seconds), class: "note")]
    }
}
