import Foundation
import Testing

/// Golden files under `testdata/golden/`: compares `actual` with the stored bytes. With
/// `RECORD_SNAPSHOTS=1` it writes `actual` instead and fails, so a recording run is never
/// mistaken for a passing one.
public enum Snapshot {
  public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

  public static func url(_ name: String) -> URL {
    Fixtures.repositoryRoot.appendingPathComponent("testdata/golden").appendingPathComponent(name)
  }

  public static func assert(
    _ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = url(name)
    if isRecording {
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record("recorded \(name); run again without RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
      } catch {
        Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
      Issue.record(
        "no golden file \(name); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
      return
    }
    let expectedText = String(decoding: expected, as: UTF8.self)
    guard expectedText != actual else { return }
    let expectedLines = expectedText.components(separatedBy: "\n")
    let actualLines = actual.components(separatedBy: "\n")
    let index =
      zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(expectedLines.count, actualLines.count)
    let want = index < expectedLines.count ? expectedLines[index] : "<end>"
    let got = index < actualLines.count ? actualLines[index] : "<end>"
    Issue.record(
      "\(name) differs at line \(index + 1):\n  golden: \(want)\n  actual: \(got)\nRe-record with RECORD_SNAPSHOTS=1 if intended.",
      sourceLocation: sourceLocation)
  }
}
