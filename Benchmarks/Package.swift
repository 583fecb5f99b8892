// swift-tools-version:6.1
// Benchmarks kept out of the main package so `swift test` never builds or times them.
import PackageDescription

let package = Package(
  name: "BeizhuBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "Beizhu", path: "..")],
  targets: [
    .executableTarget(
      name: "LexiconBench",
      dependencies: [.product(name: "BeizhuFeatures", package: "Beizhu")]
    )
  ]
)
