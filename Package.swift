// swift-tools-version:6.1
import PackageDescription

/// zae-video: zero-bias autoencoders for video features, measured on activity recognition.
/// Modules by job, each depending only on modules listed above it: C shims, Support (runtime kit),
/// Linalg, Video, Learners, Datasets, Classifiers, Plots, Recognition, Runs (settings files and run
/// infrastructure), Studies (learn runs, image studies, rotdots, filters), Evaluation (the evaluate
/// command's stages, reports and cluster submission), Bench, then the thin `zae-video` command line.
let package = Package(
    name: "zae-video",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zae-video", targets: ["zae-video"]),
        .library(name: "ZAEVideoKit", targets: ["Support", "Linalg", "Video", "Learners", "Datasets", "Classifiers",
                                                "Plots", "Recognition", "Runs", "Studies",
                                                "Evaluation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CFFmpeg", path: "Sources/CFFmpeg", pkgConfig: "libavformat",
                       providers: [.apt(["libavformat-dev", "libavcodec-dev", "libswscale-dev", "libavutil-dev"])]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLibSVM", path: "Sources/CLibSVM", providers: [.apt(["libsvm-dev"])]),
        .systemLibrary(name: "CLibLinear", path: "Sources/CLibLinear", providers: [.apt(["liblinear-dev"])]),
        .target(name: "CAtomicRename"),
        .target(name: "CSparseKernels"),
        .target(name: "CKMeansKernels"),

        .target(name: "Support", dependencies: ["COpenBLAS", "CAtomicRename"]),
        .target(name: "Linalg", dependencies: ["Support", "COpenBLAS"]),
        .target(name: "Video", dependencies: ["CFFmpeg", "Support", "Linalg"]),
        .target(name: "Learners", dependencies: ["Support", "Linalg", "CSparseKernels"]),
        .target(name: "Datasets", dependencies: ["Support", "Linalg", "Video"]),
        .target(name: "Classifiers", dependencies: ["Support", "Linalg", "CLibSVM", "CLibLinear"]),
        .target(name: "Plots", dependencies: ["Support", "Linalg", "Video"]),
        .target(name: "Recognition", dependencies: ["Support", "Linalg", "Video", "Learners", "Datasets", "Classifiers",
                                                   "CKMeansKernels"]),
        .target(name: "Runs", dependencies: ["Support", "Linalg", "Video", "Learners", "Datasets", "Recognition"]),
        .target(name: "Studies", dependencies: ["Support", "Linalg", "Video", "Learners", "Datasets", "Classifiers", "Plots",
                                                "Runs"]),
        .target(name: "Evaluation", dependencies: ["Support", "Linalg", "Video", "Learners", "Datasets", "Classifiers", "Plots",
                                                   "Recognition", "Runs"]),
        .target(name: "Bench", dependencies: ["Support", "Linalg", "Video", "Learners", "Datasets", "Recognition"]),
        .executableTarget(name: "zae-video", dependencies: [
            "Support", "Video", "Learners", "Datasets", "Classifiers", "Recognition", "Runs", "Studies", "Evaluation", "Bench",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SupportTests", dependencies: ["Support", "CAtomicRename", "TestSupport"]),
        .testTarget(name: "LinalgTests", dependencies: ["Linalg", "Support", "TestSupport"]),
        .testTarget(name: "VideoTests", dependencies: ["Video", "Linalg", "TestSupport"]),
        .testTarget(name: "LearnersTests", dependencies: ["Learners", "Linalg", "Support", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Video", "Linalg", "Support", "TestSupport"]),
        .testTarget(name: "ClassifiersTests", dependencies: ["Classifiers", "Datasets", "Linalg", "TestSupport"]),
        .testTarget(name: "PlotsTests", dependencies: ["Plots", "Linalg", "Video", "TestSupport"]),
        .testTarget(name: "RecognitionTests", dependencies: ["Recognition", "Classifiers", "Datasets", "Video", "Learners",
                                                             "Linalg", "TestSupport", "CKMeansKernels"]),
        .testTarget(name: "RunsTests", dependencies: ["Runs", "Learners", "Datasets", "Recognition", "Support", "TestSupport"]),
        .testTarget(name: "StudiesTests", dependencies: ["Studies", "Runs", "Datasets", "Learners", "Linalg", "Support", "Video",
                                                         "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Runs", "Studies", "Datasets", "Learners", "Linalg", "Support",
                                                            "Video", "TestSupport"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "Video", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["zae-video", "Runs", "Studies", "Evaluation", "TestSupport"]),
    ]
)
