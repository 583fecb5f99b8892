import Foundation

/// Locates payload fixtures: ours under `testdata/payloads/`, the shared samples next to the repo.
enum PayloadFixtures {
  static let repoRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let oursDirectory = repoRoot.appendingPathComponent("testdata/payloads")
  static let samplesDirectory = repoRoot.appendingPathComponent("../shared/formats/samples")

  static func ours(_ name: String) throws -> String {
    try String(contentsOf: oursDirectory.appendingPathComponent(name), encoding: .utf8)
  }

  static func sample(_ path: String) throws -> String {
    try String(contentsOf: samplesDirectory.appendingPathComponent(path), encoding: .utf8)
  }

  /// File names in `samples/payloads/`, so a new sample file cannot go untested.
  static func samplePayloadNames() throws -> [String] {
    try FileManager.default.contentsOfDirectory(
      atPath: samplesDirectory.appendingPathComponent("payloads").path
    )
    .sorted()
  }
}
