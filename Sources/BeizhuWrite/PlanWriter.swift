import BeizhuPlan
import Foundation

/// Renders a plan in one output format. One conformer per file in this folder.
public protocol PlanWriter: Sendable {
  /// The `--format` value that selects this writer.
  static var identifier: String { get }
  func render(_ document: PlanDocument) throws -> String
}

/// `--format json`: the versioned contract, keys sorted so output is byte-stable.
public struct PlanJSONWriter: PlanWriter {
  public static let identifier = "json"
  public init() {}

  public func render(_ document: PlanDocument) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(document), as: UTF8.self)
  }
}
