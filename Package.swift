// swift-tools-version:6.1
// The pipeline is visible here: import → features → classify → compose → plan → write,
// one module per stage, a Kit facade over them and a thin CLI on top.
import PackageDescription

// A manifest-time check rather than a `.when(platforms:)` condition: SwiftPM drops conditional
// system-library dependencies when Beizhu is built as another package's dependency.
#if os(Linux)
let sha256Backend: [Target.Dependency] = ["CLibCrypto"]
#else
let sha256Backend: [Target.Dependency] = []
#endif

let package = Package(
  name: "Beizhu",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "beizhu", targets: ["beizhu"]),
    .library(name: "BeizhuKit", targets: ["BeizhuKit"]),
    // The keyword scanner, for the lexicon benchmark in Benchmarks/.
    .library(name: "BeizhuFeatures", targets: ["BeizhuFeatures"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // libxml2 through pkg-config; only BeizhuImport links it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
    ),
    // OpenCC for phrase-level Traditional → Simplified; only BeizhuCompose links it.
    .systemLibrary(
      name: "COpenCC",
      pkgConfig: "opencc",
      providers: [.apt(["libopencc-dev"]), .brew(["opencc"])]
    ),
    // OpenSSL's libcrypto for the SHA-256 of imported files (SHA-NI/AVX2 code paths, ~30× the
    // portable Swift loop). Linux only: macOS has CommonCrypto.
    .systemLibrary(
      name: "CLibCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    // A wrapper for sqlite3_config (variadic in C); only BeizhuWorkspace uses it.
    .systemLibrary(
      name: "CSQLiteSetup",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
    ),
    .target(name: "BeizhuCore"),
    .target(
      name: "BeizhuImport",
      dependencies: ["BeizhuCore", "CLibXML2"] + sha256Backend),
    .target(
      name: "BeizhuWorkspace",
      dependencies: [
        "BeizhuCore", .product(name: "GRDB", package: "GRDB.swift"),
        // The message insert binds through SQLite's C API: GRDB's argument boxing was a
        // fifth of an import profile.
        .product(name: "GRDBSQLite", package: "GRDB.swift"), "CSQLiteSetup",
      ]
    ),
    .target(name: "BeizhuFeatures", dependencies: ["BeizhuCore"], resources: [.process("Lexicons")]),
    .target(name: "BeizhuClassify", dependencies: ["BeizhuCore", "BeizhuFeatures"], resources: [.process("Presets")]),
    .target(
      name: "BeizhuCompose", dependencies: ["BeizhuCore", "COpenCC"], resources: [.process("Data")]
    ),
    .target(name: "BeizhuPlan", dependencies: ["BeizhuCore", "BeizhuFeatures", "BeizhuClassify", "BeizhuCompose"]),
    .target(name: "BeizhuWrite", dependencies: ["BeizhuCore", "BeizhuPlan"]),
    .target(
      name: "BeizhuKit",
      dependencies: [
        "BeizhuCore", "BeizhuImport", "BeizhuWorkspace", "BeizhuFeatures", "BeizhuClassify",
        "BeizhuCompose", "BeizhuPlan", "BeizhuWrite",
      ]
    ),
    .target(
      name: "BeizhuCLI",
      dependencies: ["BeizhuKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    .executableTarget(name: "beizhu", dependencies: ["BeizhuCLI", "BeizhuWorkspace"]),

    .target(name: "BeizhuTestSupport", dependencies: ["BeizhuCore"], path: "Tests/BeizhuTestSupport"),
    .testTarget(name: "BeizhuCoreTests", dependencies: ["BeizhuCore", "BeizhuTestSupport"]),
    .testTarget(name: "BeizhuImportTests", dependencies: ["BeizhuImport", "BeizhuTestSupport"]),
    .testTarget(
      name: "BeizhuWorkspaceTests",
      dependencies: [
        "BeizhuWorkspace", "BeizhuImport", "BeizhuTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "BeizhuFeaturesTests",
      dependencies: [
        "BeizhuFeatures", "BeizhuTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(name: "BeizhuClassifyTests", dependencies: ["BeizhuClassify", "BeizhuKit", "BeizhuTestSupport"]),
    .testTarget(
      name: "BeizhuComposeTests",
      dependencies: [
        "BeizhuCompose", "BeizhuTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(name: "BeizhuCLITests", dependencies: ["BeizhuKit", "BeizhuTestSupport"]),
  ]
)
