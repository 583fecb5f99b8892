// swift-tools-version:6.1
// Benchmark-only executable (not part of the product): runs the import runner over files with a
// destination that only counts, so parsing can be timed without workspace writes.
import PackageDescription

let package = Package(
  name: "ImportBench",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "Beizhu", path: "../..")],
  targets: [
    .executableTarget(
      name: "html-import-bench", dependencies: [.product(name: "BeizhuKit", package: "Beizhu")])
  ]
)
