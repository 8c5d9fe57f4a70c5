import ArgumentParser
import Evaluation
import Learners
import Recognition
import Runs
import Studies

/// Learner kinds are typed options (`--learner trec`): an unknown name is refused by the parser, listing the kinds.
extension ModelKind: ExpressibleByArgument {}

/// Image studies are typed options (`--study patch-size`).
extension ImageStudy.Study: ExpressibleByArgument {}

/// A comma-separated list option (`--learners trec,cae`, `--features 200,500`), each item parsed as `Element`;
/// `none` is the empty list.
struct CommaList<Element: ExpressibleByArgument>: ExpressibleByArgument {
    /// The items, in the order given.
    var items: [Element]

    init?(argument: String) {
        if argument == "none" {
            items = []
            return
        }
        var parsed: [Element] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let item = Element(argument: part.trimmingCharacters(in: .whitespaces)) else { return nil }
            parsed.append(item)
        }
        items = parsed
    }

    var defaultValueDescription: String { items.map(\.defaultValueDescription).joined(separator: ",") }
}

/// Encodings are typed options (`--encoding fisher`).
extension EncodingSettings.Kind: ExpressibleByArgument {}

/// One pyramid grid as `TxHxW` cells (`--pyramid 1x1x1,1x2x2,2x1x1`).
struct PyramidGridArgument: ExpressibleByArgument {
    /// Cells along time, height and width.
    var grid: PyramidGrid

    init?(argument: String) {
        let parts = argument.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.contains(nil), let grid = PyramidGrid(values: parts.compactMap { $0 }) else { return nil }
        self.grid = grid
    }

    var defaultValueDescription: String { grid.description }
}
