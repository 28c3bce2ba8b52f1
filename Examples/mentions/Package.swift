// swift-tools-version:6.0
// An example of a package that adds its own stage to winnow without forking it: the `mentions`
// stage tags documents that mention given words, and `winnow-mentions` is winnow's command line
// with that stage registered. Build and run from this folder:
//   swift run winnow-mentions run mentions.yml
import PackageDescription

let package = Package(
    name: "mentions",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A real project names winnow's repository and a version; this example uses the checkout it lives in.
        .package(name: "winnow", path: "../.."),
    ],
    targets: [
        .target(name: "MentionsWinnow", dependencies: [.product(name: "Winnow", package: "winnow")]),
        .executableTarget(
            name: "winnow-mentions",
            dependencies: ["MentionsWinnow", .product(name: "WinnowCommandLine", package: "winnow")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
