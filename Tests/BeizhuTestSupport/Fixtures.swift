import BeizhuCore
import Foundation

/// Locates test data and makes scratch files; tests copy fixtures before changing anything.
public enum Fixtures {
  /// The repository root, found from this source file's path.
  public static let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  /// `testdata/<relative>`.
  public static func testdata(_ relative: String) -> String {
    repositoryRoot.appendingPathComponent("testdata").appendingPathComponent(relative).path
  }

  /// `../shared/formats/samples/<relative>`, the exporters' sample files.
  public static func sample(_ relative: String) -> String {
    repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/formats/samples")
      .appendingPathComponent(relative).path
  }

  /// Whether the shared samples are present (they sit beside the repository, not inside it).
  public static var samplesAvailable: Bool { FileManager.default.fileExists(atPath: sample("labels.csv")) }

  /// A new empty directory, removed by the system's temp cleaning.
  public static func temporaryDirectory() -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("beizhu-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// Writes `bytes` to a new temporary file and returns its path.
  @discardableResult
  public static func write(_ bytes: [UInt8], name: String = "file.txt", in directory: String? = nil) -> String
  {
    let folder = directory ?? temporaryDirectory()
    let path = (folder as NSString).appendingPathComponent(name)
    let written = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    precondition(written, "could not write the test file \(path)")
    return path
  }

  @discardableResult
  public static func write(_ text: String, name: String = "file.txt", in directory: String? = nil) -> String {
    write(Array(text.utf8), name: name, in: directory)
  }

  /// Reads a small CSV (tests only): the rows split on commas, header first.
  public static func simpleCSV(_ path: String) -> [[String]] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }
}
