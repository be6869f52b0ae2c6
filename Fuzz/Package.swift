// swift-tools-version:5.4
// libFuzzer targets for the CSV, money and date parsers (see README.md). A package of its own so
// that `swift build` and `swift test` of the main package never see -sanitize=fuzzer.
//
// Tools version 5.4 on purpose: from 5.5 on, SwiftPM compiles every executable target with
// `-entry-point-function-name <Target>_main` and links it with `--defsym main=<Target>_main`
// (`-alias` on macOS), so the link fails (or libFuzzer's own main() is never used). With 5.4,
// plus `-Xswiftc -parse-as-library` so the targets define no main() of their own, libFuzzer's
// main() drives LLVMFuzzerTestOneInput as it does for C.
import Foundation
import PackageDescription

// SwiftPM names a path dependency after its folder; read that name rather than assume it.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "outcomes-fuzz",
    dependencies: [
        .package(path: ".."),
    ],
    targets: ["FuzzCSV", "FuzzMoney", "FuzzDate"].map { name in
        .executableTarget(
            name: name,
            dependencies: [.product(name: "OutcomesCore", package: mainPackage)]
        )
    }
)
