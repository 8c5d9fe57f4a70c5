// swift-tools-version:6.1
import PackageDescription

/// zae-video: zero-bias autoencoders for video features, measured on activity recognition.
/// Modules depend only on those listed above them: C shims, Linalg, Video, Learners, Datasets,
/// Recognition, Pipeline, then the thin `zae-video` command line.
let package = Package(
    name: "zae-video",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zae-video", targets: ["zae-video"]),
        .library(name: "ZAEVideoKit", targets: ["Linalg", "Video", "Learners", "Datasets", "Recognition", "Pipeline"]),
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
        .target(name: "Linalg", dependencies: ["COpenBLAS", "CAtomicRename"]),
        .target(name: "Video", dependencies: ["CFFmpeg", "Linalg"]),
        .target(name: "Learners", dependencies: ["Linalg"]),
        .target(name: "Datasets", dependencies: ["Linalg", "Video"]),
        .target(name: "Recognition", dependencies: ["Linalg", "Video", "Learners", "Datasets", "CLibSVM"]),
        .target(name: "Pipeline", dependencies: ["Linalg", "Video", "Learners", "Datasets", "Recognition", "CLibLinear"]),
        .executableTarget(name: "zae-video", dependencies: [
            "Linalg", "Video", "Learners", "Datasets", "Recognition", "Pipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "LinalgTests", dependencies: ["Linalg", "CAtomicRename"]),
        .testTarget(name: "VideoTests", dependencies: ["Video", "Linalg"]),
        .testTarget(name: "LearnersTests", dependencies: ["Learners", "Linalg"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Video", "Linalg"]),
        .testTarget(name: "RecognitionTests", dependencies: ["Recognition", "Datasets", "Video", "Learners", "Linalg"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Datasets", "Learners", "Linalg", "Video"]),
        .testTarget(name: "CLITests", dependencies: ["zae-video"]),
    ]
)
