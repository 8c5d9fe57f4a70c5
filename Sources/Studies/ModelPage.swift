import Datasets
import Foundation
import Learners
import Linalg
import Plots
import Support
import Video

/// `model.html`, the page of one learned model: what it is and what it learned from, its training
/// curve (cost and active fraction per epoch), the whitening spectrum with the cut, its strongest
/// filters in pixel space as a mosaic and as an animation, the time and memory of each learn
/// step, and every setting. `learn` writes it into the bundle, `rotdots` beside its filters.
public enum ModelPage {
    /// How many of the strongest filters the page draws.
    static let filtersShown = 36

    /// The page of `bundle`, whose blocks went through `whitening` (nil: filters are not drawn, the
    /// page says why). `title` names the model in the heading (default: its kind and size).
    public static func make(_ bundle: ModelBundle, whitening: PatchWhitening?, title: String? = nil) -> HTMLPage {
        let model = bundle.model
        var body: [HTML] = [.facts(facts(bundle))]
        body += trainingCurve(model.record.epochs)
        if let pca = bundle.pca { body += spectrum(pca, perFrame: whitening?.perFrame ?? false) }
        body += filters(model, whitening: whitening)
        if let steps = bundle.trainingData?.steps, !steps.isEmpty { body += [.heading("Time and memory"), stepTable(steps)] }
        body += settings(bundle)
        let heading = title ?? "\(model.kind.rawValue) model: \(model.featureCount) features"
        return HTMLPage(title: heading, subtitle: model.kind.title + (bundle.trainingData.map { ", learned from \($0.source)" } ?? ""),
                        body: body)
    }

    /// What the model is and what it learned from.
    static func facts(_ bundle: ModelBundle) -> [(String, String)] {
        let model = bundle.model
        var facts: [(String, String)] = [("model", "\(model.kind.rawValue): \(model.kind.title)"),
                                         ("features", "\(model.featureCount)"), ("input dimension", "\(model.inputDimension) (whitened)"),
                                         ("inference", model.inference.rawValue), ("seed", "\(model.record.seed)")]
        if let data = bundle.trainingData { facts += [("training data", data.source), ("training blocks", "\(data.blocks)")] }
        if let p = bundle.preprocessing {
            facts.append(("blocks", p.blockShape.map(String.init).joined(separator: " x ") + " (frames x height x width)"
                          + (p.removeDC ? ", DC removed" : "") + (p.contrastNormalize ? ", contrast normalised" : "")
                          + ", whitened " + (p.whitening == .perFrame ? "frame by frame" : "as whole blocks")))
        }
        if let d = bundle.decoding {
            facts.append(("decoding", (d.halfSize ? "half size" : "native size") + ", cropped to multiples of \(d.cropMultiple)"))
        }
        let epochs = model.record.epochs
        if let last = epochs.last {
            facts.append(("training", "\(epochs.count) epochs, final cost \(String(format: "%.4g", last.cost)), "
                          + String(format: "%.1f s", epochs.reduce(0) { $0 + $1.seconds })))
        }
        if let note = model.kind.learner.bundleNote { facts.append(("note", note)) }
        return facts
    }

    /// The cost and (where the model has one) the active fraction per epoch, with the epochs' table folded.
    static func trainingCurve(_ epochs: [EpochReport]) -> [HTML] {
        guard !epochs.isEmpty else { return [.heading("Training"), .paragraph("No training history recorded.")] }
        var figures = [HTML.drawing(SVGLinePlot(title: "Training cost per epoch", xLabel: "epoch", yLabel: "cost",
                                                series: [.init(name: "cost", points: epochs.map { (Double($0.epoch), $0.cost) })]))]
        let active = epochs.compactMap { e in e.activeFraction.map { (x: Double(e.epoch), y: $0) } }
        if !active.isEmpty {
            figures.append(.drawing(SVGLinePlot(title: "Active hidden units per epoch", xLabel: "epoch", yLabel: "fraction above theta",
                                                series: [.init(name: "active", points: active)])))
        }
        func number(_ v: Double?, _ format: String) -> HTML { .text(v.map { String(format: format, $0) } ?? "") }
        let rows = epochs.map { e in
            [HTML.text("\(e.epoch)"), number(e.cost, "%.5g"), number(e.activeFraction, "%.4f"), number(e.learningRate, "%g"), number(e.seconds, "%.2f")]
        }
        return [.heading("Training")] + figures
            + [.details("Every epoch", [.table(header: ["epoch", "cost", "active fraction", "learning rate", "seconds"], rows: rows,
                                               numeric: [0, 1, 2, 3, 4])])]
    }

    /// The variance of every principal component of the training blocks, the cut after the kept
    /// ones, and the regularisation the whitening adds.
    static func spectrum(_ pca: PCA, perFrame: Bool) -> [HTML] {
        let kept = pca.outputDimension
        let values = (pca.spectrum ?? pca.variances).map(Double.init)
        let positive = values.filter { $0 > 0 }
        var series: [SVGLinePlot.Series] = [
            .init(name: "variance", points: values.enumerated().map { (Double($0.offset + 1), $0.element) }, markers: false),
        ]
        if let low = positive.min(), let high = positive.max(), pca.spectrum != nil {
            series.append(.init(name: "cut: \(kept) kept", points: [(Double(kept) + 0.5, low), (Double(kept) + 0.5, high)],
                                dashed: true, markers: false))
        }
        if pca.regularization > 0 {
            series.append(.init(name: "regularisation", points: [(1, Double(pca.regularization)), (Double(values.count), Double(pca.regularization))],
                                dashed: true, markers: false))
        }
        let of = perFrame ? "pixels of one frame" : "block values"
        var caption = "Variance along each principal component of the training blocks' \(of), largest first (log scale). "
        if pca.spectrum != nil {
            let total = positive.reduce(0, +), keptSum = values.prefix(kept).reduce(0, +)
            caption += "The whitening keeps the first \(kept) of \(values.count) components, "
                + String(format: "%.1f%% of the variance", total > 0 ? 100 * keptSum / total : 0)
        } else {
            caption += "Only the \(kept) kept components are recorded in this bundle"
        }
        caption += pca.regularization > 0 ? String(format: "; %g is added to each before whitening.", pca.regularization) : "."
        let plot = SVGLinePlot(title: "Whitening spectrum", xLabel: "component", yLabel: "variance", series: series, logarithmicY: true)
        return [.heading("Whitening"), .figure(.drawing(plot), caption: caption)]
    }

    /// The strongest filters in pixel space, each filter's frames side by side, and as an animation.
    static func filters(_ model: any LearnedModel, whitening: PatchWhitening?) -> [HTML] {
        let heading = HTML.heading("Filters")
        guard let whitening else {
            return [heading, .paragraph("Not drawn: the bundle records no block preprocessing (it was not learned from video blocks).")]
        }
        do {
            let filters = try ModelFilters.strongest(filtersShown, of: model, whitening: whitening)
            let mosaic = FilterMosaic(filters: filters.values, frames: filters.frames, height: filters.height, width: filters.width, zoom: 1)
            let still = try EmbeddedImage.png(mosaic.still(stripsPerRow: 3))
            let animation = try EmbeddedImage.gif(mosaic.animation(tilesPerRow: 12), frameDelay: 20)
            let shown = "The \(filters.count) strongest of \(filters.total): \(filters.drawn), in pixel space"
            return [heading,
                    .figure(.image(still, alt: "filter mosaic", scale: 2),
                            caption: "\(shown); each row of tiles is one filter's \(filters.frames) frames, each filter scaled to its own contrast (mid-gray 0). "
                                + String(format: "Median frame roughness %.2f (white noise about 2, smooth filters under 0.6).", filters.medianRoughness)),
                    .figure(.image(animation, alt: "filter animation", scale: 3),
                            caption: "The same filters playing their frames (\(filters.frames) frames, 5 per second, looping).")]
        } catch {
            return [heading, .paragraph("Not drawn: \(error)", class: "bad")]
        }
    }

    /// Each learn step's time and peak resident memory.
    static func stepTable(_ steps: [MeasuredStep]) -> HTML {
        .table(header: ["step", "seconds", "peak resident memory"], rows: steps.map { step in
            [.text(step.step), .text(String(format: "%.1f", step.seconds)), .text(step.peakResidentBytes.map(MemorySize.text) ?? "")]
        }, numeric: [1, 2])
    }

    /// The model's hyperparameters and the run's whole pipeline file.
    static func settings(_ bundle: ModelBundle) -> [HTML] {
        var parts: [HTML] = [.heading("Settings")]
        if let configuration = try? JSONValue(encoding: bundle.model.configuration) {
            parts.append(.facts(configuration.flattened().map { ($0.path, $0.text) }))
        }
        if let settings = bundle.settings, let text = try? String(decoding: JSONEncoder.readable().encode(settings), as: UTF8.self) {
            parts.append(.details("The run's pipeline settings (JSON)", [.element("pre", text: text)]))
        }
        return parts
    }
}
