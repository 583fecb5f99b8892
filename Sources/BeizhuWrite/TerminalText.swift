/// Column widths on a terminal, from the generated East Asian Width table: CJK and emoji take
/// two columns, combining marks and joiners none.
public enum TerminalText {
  /// Columns `text` takes, counted per user-perceived character (grapheme cluster).
  public static func width(_ text: String) -> Int {
    text.reduce(0) { total, character in total + width(of: character) }
  }

  /// One grapheme cluster: its first scalar decides, because a ZWJ sequence or a base with
  /// combining marks shows as one glyph; emoji presentation (U+FE0F) and flag pairs take two.
  static func width(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    var columns = columns(first)
    if columns == 1 {
      if scalars.contains(where: { $0.value == 0xFE0F }) {
        columns = 2
      } else if (0x1F1E6...0x1F1FF).contains(first.value) && scalars.count > 1 {
        columns = 2
      }
    }
    if columns == 0 {
      // A lone mark after nothing still shows; the rest of the cluster decides.
      return scalars.dropFirst().reduce(0) { max($0, Self.columns($1)) }
    }
    return columns
  }

  /// Columns of one scalar: 0 for controls and zero-width classes, 2 for wide, else 1.
  static func columns(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    if contains(EastAsianWidth.zero, value) { return 0 }
    return contains(EastAsianWidth.wide, value) ? 2 : 1
  }

  static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
    var low = 0
    var high = ranges.count - 1
    while low <= high {
      let middle = (low + high) / 2
      let range = ranges[middle]
      if value < range.lowerBound {
        high = middle - 1
      } else if value > range.upperBound {
        low = middle + 1
      } else {
        return true
      }
    }
    return false
  }

  /// `text` with control characters (escape sequences a name could carry) shown as `�`, so a
  /// nickname cannot move the cursor or recolour the terminal.
  public static func printable(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { out.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
    return String(out)
  }

  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
  }

  public static func pad(_ text: String, to columns: Int) -> String {
    text + String(repeating: " ", count: max(0, columns - width(text)))
  }

  /// Cuts `text` to at most `columns`, marking the cut with `…`.
  public static func truncate(_ text: String, to columns: Int) -> String {
    guard width(text) > columns else { return text }
    var result = ""
    var used = 0
    for character in text {
      let next = width(of: character)
      if used + next > columns - 1 { break }
      result.append(character)
      used += next
    }
    return result + "…"
  }

  /// Left-aligned columns sized to their widest cell; the last column is not padded.
  public static func table(_ rows: [[String]]) -> String {
    tableLines(rows).joined(separator: "\n")
  }

  /// The lines of ``table(_:)``, for callers that interleave headings.
  public static func tableLines(_ rows: [[String]]) -> [String] {
    guard let count = rows.map(\.count).max() else { return [] }
    var widths = [Int](repeating: 0, count: count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) }
    }
    return rows.map { row in
      row.enumerated().map { index, cell in index == row.count - 1 ? cell : pad(cell, to: widths[index]) }
        .joined(separator: "  ")
    }
  }
}

/// ANSI styles for a terminal; a disabled palette returns text unchanged (pipes, `NO_COLOR`).
public struct TerminalStyle: Sendable {
  public var enabled: Bool

  public init(enabled: Bool) { self.enabled = enabled }

  /// Colour only when asked, or on a terminal without `NO_COLOR` (https://no-color.org) and
  /// not a dumb terminal.
  public static func resolve(
    mode: String, isTerminal: Bool, environment: [String: String]
  ) -> TerminalStyle {
    switch mode {
    case "always": return TerminalStyle(enabled: true)
    case "never": return TerminalStyle(enabled: false)
    default:
      let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
      let dumb = environment["TERM"] == "dumb"
      return TerminalStyle(enabled: isTerminal && !noColor && !dumb)
    }
  }

  func apply(_ code: String, _ text: String) -> String {
    enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  public func bold(_ text: String) -> String { apply("1", text) }
  public func dim(_ text: String) -> String { apply("2", text) }
  public func red(_ text: String) -> String { apply("31", text) }
  public func green(_ text: String) -> String { apply("32", text) }
  public func yellow(_ text: String) -> String { apply("33", text) }
  public func cyan(_ text: String) -> String { apply("36", text) }
}
