/// Column widths on a terminal: CJK and emoji take two columns (East Asian Width W/F).
public enum TerminalText {
  public static func width(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in total + columns(scalar) }
  }

  static func columns(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x300...0x36F).contains(value) || value == 0x200D || (0xFE00...0xFE0F).contains(value)
      || (0x200B...0x200F).contains(value) || (0x1F3FB...0x1F3FF).contains(value)
    {
      return 0
    }
    let wide =
      (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value)
      || (0x3041...0x33FF).contains(value)
      || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
      || (0xA000...0xA4CF).contains(value)
      || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
      || (0xFE30...0xFE4F).contains(value)
      || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value)
      || (0x1F300...0x1F64F).contains(value)
      || (0x1F900...0x1F9FF).contains(value) || (0x1FA70...0x1FAFF).contains(value)
      || (0x20000...0x3FFFD).contains(value)
    return wide ? 2 : 1
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
      let next = width(String(character))
      if used + next > columns - 1 { break }
      result.append(character)
      used += next
    }
    return result + "…"
  }

  /// Left-aligned columns sized to their widest cell; the last column is not padded.
  public static func table(_ rows: [[String]]) -> String {
    guard let count = rows.map(\.count).max() else { return "" }
    var widths = [Int](repeating: 0, count: count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) }
    }
    return rows.map { row in
      row.enumerated().map { index, cell in index == row.count - 1 ? cell : pad(cell, to: widths[index]) }
        .joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
