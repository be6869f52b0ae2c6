// swift-tools-version:5.10
import PackageDescription

let package = Package(
    name: "outcomes",
    products: [
        .executable(name: "outcomes", targets: ["outcomes"]),
        .library(name: "OutcomesCore", targets: ["OutcomesCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CHints"),
        .target(
            name: "OutcomesCore",
            dependencies: [
                "CCSV",
                "CXLSXWriter",
                "CCrypto",
                "CHints",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Model/README.md", "Pipeline/README.md", "Ingest/README.md",
                      "Normalize/README.md", "Aggregate/README.md", "Export/README.md"],
            // Release builds skip the run-time exclusivity checks (a few percent of the ingest
            // in profiles); debug builds, which the tests run, keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "outcomes",
            dependencies: [
                "OutcomesCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "bench-generate", path: "Benchmarks/Generate"),
        .testTarget(name: "OutcomesCoreTests", dependencies: ["OutcomesCore"], exclude: ["Fixtures"]),
        .testTarget(name: "OutcomesCLITests", dependencies: ["OutcomesCore", "outcomes"], exclude: ["Cases"]),
    ]
)
