import ArgumentParser
import Classifiers
import Evaluation
import Foundation
import Runs
import Studies
import Support
import Video

/// `zae-video info`: versions of the tool and its libraries, and the BLAS kernel in use.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show versions and the BLAS kernel in use.")

    @Flag(help: "Print only the OPENBLAS_CORETYPE this CPU should use (empty when OpenBLAS's own choice is right).")
    var blasCoretype = false

    func run() throws {
        if blasCoretype {
            print(BLASRuntime.recommendedCoreType ?? "")
            return
        }
        print("zae-video \(ZAEVideo.configuration.version)")
        for (library, version) in FFmpegVersions.all { print("\(library) \(version)") }
        print("libsvm \(SVMClassifier.libsvmVersion)")
        print("liblinear \(LogisticRegression.liblinearVersion)")
        print("blas_core \(BLASRuntime.coreName)")
        print("blas_threads \(BLASRuntime.threadCount)")
    }
}
