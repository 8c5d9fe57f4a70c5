import Foundation
import Runs
import Support
import Testing

/// What a person reads when a pipeline file is wrong: one line with the file, the setting's path,
/// what was found there and what is allowed; never the JSON decoder's own text.
@Suite("Settings file errors")
struct SettingsFileErrorTests {
    /// The error reading `json` over the default video pipeline settings, as one line.
    func error(_ json: String) -> String {
        do { _ = try SettingsFile.decode(Data(json.utf8), over: VideoPipelineSettings(), path: "p.json") } catch { return "\(error)" }
        return "(no error)"
    }

    @Test("a key given twice in one object is refused naming it, however deep, instead of taking the last value")
    func duplicateKeysRefused() {
        #expect(error(#"{"vocabulary": {"words": 4, "sample": 10, "words": 8}}"#)
                == #"p.json: setting "vocabulary.words" is given twice (a JSON reader would silently take the last value): keep one"#)
        #expect(error(#"{"model": {"training": {"epochs": 2}}, "model": {"features": 3}}"#)
                == #"p.json: setting "model" is given twice (a JSON reader would silently take the last value): keep one"#)
        // The same key in sibling objects, and a key spelled with an escape, are told apart correctly.
        #expect(error(#"{"model": {"seed": 1}, "blocks": {"frames": 4}, "vocabulary": {"words": 4, "w\u006frds": 5}}"#)
                == #"p.json: setting "vocabulary.words" is given twice (a JSON reader would silently take the last value): keep one"#)
        #expect(error(#"{"model": {"training": {"epochs": 2}}, "vocabulary": {"words": 4}, "_note": "a \"words\": 1 in a string"}"#) == "(no error)")
    }

    @Test("a wrong type, a fraction for a count, null, an unknown name, a number out of range: setting, found and allowed")
    func decodingErrorsInWords() {
        let cases = [
            (#"{"encoding": {"kind": "foo"}}"#, #"setting "encoding.kind" is "foo"; it must be one of bow, vlad, fisher"#),
            (#"{"vocabulary": {"words": true}}"#, #"setting "vocabulary.words" is true; it must be a whole number"#),
            (#"{"vocabulary": {"words": 3000.5}}"#, #"setting "vocabulary.words" is 3000.5; it must be a whole number"#),
            (#"{"vocabulary": {"words": 1e30}}"#, #"setting "vocabulary.words" is 1e+30; it is out of range"#),
            (#"{"model": {"training": {"epochs": null}}}"#, #"setting "model.training.epochs" is null; it must be a whole number"#),
            (#"{"encoding": {"kind": 5}}"#, #"setting "encoding.kind" is 5; it must be one of bow, vlad, fisher"#),
            (#"{"model": {"kind": "resnet"}}"#, #"setting "model.kind" is "resnet"; it must be one of trec, tlin, cae, covae, grbm, kmeans"#),
            (#"{"blocks": 5}"#, #"setting "blocks" is 5; it must be an object"#),
            (#"{"descriptors": {"superBlock": [10, "x", 16]}}"#, #"setting "descriptors.superBlock.1" is "x"; it must be a whole number"#),
            (#"{"classifier": {"c": "high"}}"#, #"setting "classifier.c" is "high"; it must be a number"#),
        ]
        for (json, expected) in cases {
            #expect(error(json) == "p.json: " + expected)
            #expect(!error(json).contains("Cannot initialize") && !error(json).contains("Expected to decode"))
        }
    }
}
