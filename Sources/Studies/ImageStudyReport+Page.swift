import Foundation
import Plots
import Support

extension ImageStudyReport {
    /// `report.html`: the study's plot, every result (accuracy, chosen C, the learner's last cost and
    /// active fraction, time), the inputs at each patch size, and every setting.
    public var page: HTMLPage {
        let rows = results.map { r -> [HTML] in
            let seconds = r.seconds.train + r.seconds.encode + r.seconds.crossValidation + r.seconds.fit + r.seconds.test
            return [.text(r.model), .text("\(r.features)"), .text("\(r.patch)"), .text(r.inference), .text("\(r.cost)"),
                    .text(String(format: "%.2f%%", 100 * r.accuracy)), .text(r.trainingCost.map { String(format: "%.4g", $0) } ?? ""),
                    .text(r.activeFraction.map { String(format: "%.3f", $0) } ?? ""), .text(String(format: "%.1f", seconds))]
        }
        let inputs = self.inputs.map { i -> [HTML] in
            [.text("\(i.patch)"), .text("\(i.pixels)"), .text("\(i.components)"), .text("\(i.trainingImages)"), .text("\(i.learnerImages)"),
             .text("\(i.testImages)"), .text(String(format: "%.1f", i.preprocessingSeconds))]
        }
        var body: [HTML] = [.drawing(chart.drawing), .heading("Results"),
                            .table(header: ["model", "features", "patch", "inference", "C", "accuracy", "last cost", "active", "seconds"],
                                   rows: rows, numeric: [1, 2, 4, 5, 6, 7, 8]),
                            .heading("Inputs"),
                            .table(header: ["patch", "pixels", "PCA components", "training images", "learner images", "test images", "seconds"],
                                   rows: inputs, numeric: Set(0...6)),
                            .paragraph(String(format: "Reading the data took %.1f s; the whole study %.1f s.", loadSeconds, seconds), class: "note")]
        if let settings = try? String(decoding: JSONEncoder.readable().encode(settings), as: UTF8.self) {
            body.append(.details("Every setting of the study (JSON)", [.element("pre", text: settings)]))
        }
        return HTMLPage(title: "Image study: \(settings.dataset.rawValue), \(settings.study.rawValue)", body: body)
    }
}
