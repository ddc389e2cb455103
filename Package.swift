// swift-tools-version:6.0
import PackageDescription

// Linux only: the code imports Glibc unconditionally and links ncursesw. SwiftPM cannot name
// Linux as a platform, so no platform is claimed (a macOS claim would promise a build that fails).
let package = Package(
    name: "Jixiao",
    products: [
        .library(name: "JixiaoCore", targets: ["JixiaoCore"]),
        .executable(name: "jixiao", targets: ["jixiao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
    ],
    targets: [
        // Templates, sessions, exact computation, validation, JSON I/O. No terminal code.
        .target(name: "JixiaoCore"),
        // The editor without a terminal: state, update(state, event), and a view that draws
        // into an in-memory grid of cells. Tested by feeding events and reading the grid.
        .target(name: "JixiaoEditor", dependencies: ["JixiaoCore"]),
        // C shim over ncursesw for what Swift cannot import (macros, wide-character calls).
        .target(
            name: "CCurses",
            cSettings: [.define("_XOPEN_SOURCE_EXTENDED", to: "1"), .define("_DEFAULT_SOURCE")],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // C shim that loads libxlsxwriter (Debian libxlsxwriter-dev) when a workbook is written.
        .target(name: "CXlsxWriter"),
        // print --format xlsx: the printed form as a workbook.
        .target(name: "JixiaoXLSX", dependencies: ["JixiaoCore", "CXlsxWriter"]),
        // The thin terminal layer: shows a ScreenBuffer, reads keys as Events.
        .target(name: "JixiaoTerminal", dependencies: ["JixiaoCore", "JixiaoEditor", "CCurses"]),
        // The command line: new, set, get, validate, print, schema, templates, edit, review.
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoCore",
                "JixiaoEditor",
                "JixiaoTerminal",
                "JixiaoXLSX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // make bench: the editor's keystroke-to-frame cost, in process.
        .executableTarget(name: "jixiao-bench", dependencies: ["JixiaoCore", "JixiaoEditor"]),
        .testTarget(name: "JixiaoCoreTests", dependencies: ["JixiaoCore"]),
        // Golden/ holds the expected screens, read from the source tree by Golden.swift (and
        // rewritten there by UPDATE_GOLDEN=1): not resources to bundle.
        .testTarget(name: "JixiaoEditorTests", dependencies: ["JixiaoEditor"], exclude: ["Golden"]),
        .testTarget(name: "JixiaoTerminalTests", dependencies: ["JixiaoTerminal", "JixiaoCore"]),
    ]
)
