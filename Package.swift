// swift-tools-version:6.1
import PackageDescription

// Release builds reach generic types' metadata through direct accessors rather than by
// demangling names: a demangled name is checked against every protocol conformance in the
// binary the first time, which was a fifth of a warm `groundwork start` (decoding the script
// cache instantiates a few hundred generic types).
let directMetadata: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

let package = Package(
    name: "groundwork",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "groundwork", targets: ["groundwork"]),
        .library(name: "GroundworkCore", targets: ["GroundworkCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The hosted room (`group --host`): HTTP and live updates for participants' devices. No
        // traits: neither swift-configuration nor the full-Foundation extras are used.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(
            name: "GroundworkCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: directMetadata
        ),
        .target(
            name: "GroundworkStore",
            dependencies: [
                "GroundworkCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: directMetadata
        ),
        .target(name: "GroundworkTerminal", dependencies: ["GroundworkCore", "CEditLine"]),
        // Debian's libqrencode: the hosted room's join address as a QR code on the shared screen.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // The room server: Core's `Room` over HTTP and WebSocket, pages from prompts/room/.
        .target(
            name: "GroundworkRoom",
            dependencies: [
                "GroundworkCore", "CQREncode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                // `group join` from a terminal, and the room's load benchmark.
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // prctl (variadic in C) for the executable's process guard: no core dumps.
        .target(name: "CProcessGuard"),
        .executableTarget(
            name: "groundwork",
            dependencies: [
                "GroundworkCore", "GroundworkStore", "GroundworkTerminal", "GroundworkRoom", "CProcessGuard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The config file (~/.config/groundwork/config.toml).
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: directMetadata,
            // Release builds on Linux carry the Swift runtime and Foundation inside the binary:
            // binding a dozen shared libraries was most of a bare start (groundwork --version took
            // 13-17 ms linked dynamically, 5 ms static). Foundation's own libraries are named
            // because a static link does not follow their autolink entries. Debug builds and the
            // tests (which load the executable's module) stay dynamic.
            linkerSettings: [
                .unsafeFlags(["-static-stdlib", "-lFoundation", "-lCoreFoundation", "-lFoundationInternationalization",
                              "-l_FoundationICU", "-lFoundationEssentials", "-l_FoundationCShims", "-l_FoundationCollections",
                              "-lswiftSynchronization"],
                             .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        // Fuzz harness (make fuzz, make fuzz-short); also built for libFuzzer with -D LIBFUZZER.
        .executableTarget(name: "groundwork-fuzz", dependencies: ["GroundworkCore", "GroundworkStore"]),
        .executableTarget(name: "groundwork-bench", dependencies: ["GroundworkCore", "GroundworkStore"]),
        // What the test suites share: the repository root, running the built binary, tmux, temp
        // folders and golden files (recorded only with GROUNDWORK_RECORD=1).
        .target(name: "GroundworkTestSupport", path: "Tests/GroundworkTestSupport"),
        .testTarget(name: "GroundworkCoreTests", dependencies: ["GroundworkCore", "GroundworkTestSupport"]),
        .testTarget(name: "GroundworkStoreTests", dependencies: ["GroundworkStore", "GroundworkTestSupport"], exclude: ["Fixtures"]),
        // The store too: the runner's save-before-render order is checked against real files.
        .testTarget(name: "GroundworkTerminalTests", dependencies: ["GroundworkTerminal", "GroundworkStore", "GroundworkTestSupport"]),
        // The executable's own types (the settings resolver), through @testable import.
        .testTarget(name: "GroundworkCommandTests", dependencies: ["groundwork", "GroundworkTestSupport"]),
        .testTarget(name: "GroundworkRoomTests", dependencies: ["GroundworkRoom", "GroundworkTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["GroundworkCore", "GroundworkTestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
