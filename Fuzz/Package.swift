// swift-tools-version:6.0
// libFuzzer targets for winnow, kept out of the main package so `swift test` never builds them.
// Build and run them with `Fuzz/run.sh` (see Fuzz/README.md).
import Foundation
import PackageDescription

/// The main package's folder name is its identity for a path dependency (`winnow`, `main`...).
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let winnow = parent.lastPathComponent

/// A fuzz target: one file defining `LLVMFuzzerTestOneInput`, built with `-parse-as-library`.
func fuzzTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            "FuzzMain",
            .product(name: "Winnow", package: winnow),
            .product(name: "WinnowTesting", package: winnow),
        ],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "winnow-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: ["FuzzHTML", "FuzzText", "FuzzNormalize", "FuzzPipeline", "FuzzRules"].map(fuzzTarget) + [
        // The entry points SwiftPM's link step asks for, handing over to libFuzzer's driver.
        .target(name: "FuzzMain"),
    ],
    swiftLanguageModes: [.v6]
)
