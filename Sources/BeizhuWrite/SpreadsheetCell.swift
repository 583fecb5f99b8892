import Foundation

/// Makes text safe for a spreadsheet cell: a cell starting with `= + - @`, a tab or a carriage
/// return would run as a formula in Excel or WPS (DESIGN.md invariant), so it gets a leading `'`.
public enum SpreadsheetCell {
  public static func neutralized(_ text: String) -> String {
    guard let first = text.unicodeScalars.first else { return text }
    switch first {
    case "=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠": return "'" + text
    default: return text
    }
  }

  /// A CSV field: neutralized, and quoted when it holds a comma, quote or line break.
  public static func csvField(_ text: String) -> String {
    let safe = neutralized(text)
    if safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return safe
  }
}
