import BeizhuCore
import Foundation

/// Column positions by name, read from a CSV header row.
public struct CSVHeader: Sendable {
  public let names: [String]
  private let index: [String: Int]

  public init(_ names: [String]) {
    // Spreadsheets may leave a BOM or spaces on the first header cell.
    let cleaned = names.map { name in
      let trimmed = name.trimmed(newlines: false)
      return trimmed.hasPrefix("\u{FEFF}") ? String(trimmed.dropFirst()).trimmed(newlines: false) : trimmed
    }
    self.names = cleaned
    var index: [String: Int] = [:]
    for (position, name) in cleaned.enumerated() where index[name] == nil { index[name] = position }
    self.index = index
  }

  public subscript(_ name: String) -> Int? { index[name] }

  /// Whether every one of `required` is present.
  public func contains(all required: [String]) -> Bool { required.allSatisfy { index[$0] != nil } }

  /// Throws a `missing-column` rejection naming the first absent column.
  public func require(_ required: [String], path: String) throws(ImportError) {
    for name in required where index[name] == nil {
      throw ImportError.rejected(
        Issue(
          .error, .missingColumn, at: SourceLocation(path: path, line: 1),
          "missing column \"\(name)\" / 缺少列「\(name)」",
          hint: "the header must contain: \(required.joined(separator: ", "))"))
    }
  }
}
