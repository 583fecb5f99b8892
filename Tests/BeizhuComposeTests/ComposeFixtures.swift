import Foundation
import Testing

/// Reads the compose corpus in `testdata/compose/`.
enum ComposeFixtures {
  static let testdata = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("testdata/compose")
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "../shared/formats/samples")

  /// Rows of a TSV file, comment lines skipped, `\u{XXXX}` escapes decoded.
  static func rows(_ name: String) -> [[String]] {
    guard let text = try? String(contentsOf: testdata.appendingPathComponent(name), encoding: .utf8) else {
      return []
    }
    return text.split(separator: "\n", omittingEmptySubsequences: true)
      .filter { !$0.hasPrefix("#") }
      .map { line in
        line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
      }
  }

  static func unescape(_ text: String) -> String {
    var output = ""
    var rest = Substring(text)
    while let start = rest.range(of: "\\u{") {
      output += rest[..<start.lowerBound]
      guard let end = rest[start.upperBound...].firstIndex(of: "}"),
        let value = UInt32(rest[start.upperBound..<end], radix: 16), let scalar = Unicode.Scalar(value)
      else {
        output += rest[start]
        rest = rest[start.upperBound...]
        continue
      }
      output.unicodeScalars.append(scalar)
      rest = rest[rest.index(after: end)...]
    }
    return output + rest
  }
}

/// Nickname corpus row.
struct NicknameCase: Sendable, CustomTestStringConvertible {
  var input: String
  var expected: String
  var reasons: Set<String>
  var review: Bool
  var phones: [String]
  var testDescription: String { "\(input.debugDescription) → \(expected)" }

  static let all: [NicknameCase] = ComposeFixtures.rows("nicknames.tsv").map { columns in
    let column = { (index: Int) in index < columns.count ? columns[index] : "" }
    return NicknameCase(
      input: column(0), expected: column(1),
      reasons: Set(column(2).split(separator: ",").map(String.init)), review: column(3) == "1",
      phones: column(4).split(separator: ",").map(String.init))
  }
}

/// Remark corpus row.
struct RemarkCase: Sendable, CustomTestStringConvertible {
  var remark: String
  var tags: [String]
  var expected: [String]
  var testDescription: String { remark }

  static let all: [RemarkCase] = ComposeFixtures.rows("remarks.tsv").map { columns in
    let column = { (index: Int) in index < columns.count ? columns[index] : "" }
    return RemarkCase(
      remark: column(0), tags: column(1).split(separator: "|").map(String.init),
      expected: column(2).split(separator: " ").map(String.init))
  }
}
