// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Jixiao",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "JixiaoCore", targets: ["JixiaoCore"]),
        .executable(name: "jixiao", targets: ["jixiao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Templates, sessions, exact computation, validation, JSON I/O. No terminal code.
        .target(name: "JixiaoCore"),
        // The command line: new, set, get, validate, schema, templates.
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "JixiaoCoreTests", dependencies: ["JixiaoCore"]),
    ]
)
