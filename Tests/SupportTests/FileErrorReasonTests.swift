import Foundation
import Testing
@testable import Support
import TestSupport

@Suite("Foundation errors as one line")
struct FileErrorReasonTests {
    @Test("file-system, POSIX and JSON errors become 'path: reason'; the project's own errors are left alone")
    func oneLine() throws {
        let missing = CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "/data/pca.json"])
        #expect(FileErrorReason.line(for: missing) == "/data/pca.json: no such file")
        let posix = NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES), userInfo: [NSFilePathErrorKey: "/out/report.md"])
        #expect(FileErrorReason.line(for: posix) == "/out/report.md: permission denied")
        struct Settings: Decodable { struct Inner: Decodable { var rate: Double }; var model: Inner }
        let noKey = try #require(throws: DecodingError.self) { try JSONDecoder().decode(Settings.self, from: Data(#"{"model": {}}"#.utf8)) }
        #expect(FileErrorReason.line(for: noKey) == "missing key \"model.rate\"")
        let wrongType = try #require(throws: DecodingError.self) { try JSONDecoder().decode(Settings.self, from: Data(#"{"model": {"rate": "x"}}"#.utf8)) }
        #expect(FileErrorReason.line(for: wrongType) == "\"model.rate\" has the wrong type")
        #expect(FileErrorReason.line(for: SupportError.cannotWrite(path: "x", reason: "y")) == nil)
    }

    @Test("a folder that cannot be made because a parent is a file says so")
    func parentIsAFile() throws {
        let scratch = try ScratchFolder("reason")
        defer { scratch.remove() }
        let file = try scratch.write("x", to: "file")
        #expect { try AtomicFile.write("report", to: file.appendingPathComponent("out/report.md")) } throws: {
            "\($0)" == "cannot write \(file.path)/out/report.md: \(file.path) is a file, not a folder"
        }
    }
}
