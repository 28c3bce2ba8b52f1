// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "winnow",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Winnow", targets: ["Winnow"]),
        .library(name: "WinnowTesting", targets: ["WinnowTesting"]),
        .library(name: "WinnowCommandLine", targets: ["WinnowCommandLine"]),
        .executable(name: "winnow", targets: ["WinnowCLI"]),
        .executable(name: "winnow-bench", targets: ["WinnowBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "WinnowHTML", dependencies: ["CLibXML2"]),
        .target(
            name: "Winnow",
            dependencies: [
                "WinnowHTML",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(name: "WinnowTesting", dependencies: ["Winnow"]),
        .target(
            name: "WinnowCommandLine",
            dependencies: [
                "Winnow",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "WinnowCLI", dependencies: ["WinnowCommandLine"]),
        .executableTarget(name: "WinnowBenchmark", dependencies: ["Winnow", "WinnowHTML"]),
        .testTarget(name: "WinnowHTMLTests", dependencies: ["WinnowHTML"]),
        .testTarget(name: "WinnowTests", dependencies: ["Winnow", "WinnowTesting"]),
        .testTarget(name: "EndToEndTests", dependencies: ["WinnowCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
