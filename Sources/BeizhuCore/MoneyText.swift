/// Reads money amounts as exporters print them, exactly, in fen (分), never through `Double`.
public enum MoneyText {
  /// The first amount in `text`: `￥198.00`, `¥198`, `198.00元`, `RMB 1,299.50`. With `requireMarker`,
  /// only a number next to a currency sign or 元 counts (so dates and ids are not read as money).
  public static func firstAmountFen(in text: String, requireMarker: Bool = true) -> Int64? {
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      let isSign = scalar == "￥" || scalar == "¥"
      if isSign || (!requireMarker && isDigit(scalar)) {
        var start = isSign ? index + 1 : index
        while start < scalars.count && scalars[start] == " " { start += 1 }
        if let (fen, _) = number(scalars, from: start) { return fen }
      } else if isDigit(scalar), index == 0 || !isDigit(scalars[index - 1]) && scalars[index - 1] != "." {
        if let (fen, end) = number(scalars, from: index), end < scalars.count, scalars[end] == "元" {
          return fen
        }
      }
      index += 1
    }
    return nil
  }

  /// Parses `1,299.50` at `start`: returns fen and the index after the number.
  static func number(_ scalars: [Unicode.Scalar], from start: Int) -> (Int64, Int)? {
    var index = start
    var whole: Int64 = 0
    var digits = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if isDigit(scalar) {
        whole = whole &* 10 &+ Int64(scalar.value - 48)
        digits += 1
      } else if scalar == ",", digits > 0, index + 1 < scalars.count, isDigit(scalars[index + 1]) {
        // thousands separator
      } else {
        break
      }
      index += 1
    }
    guard digits > 0, digits <= 12 else { return nil }
    var fen = whole * 100
    if index + 1 < scalars.count, scalars[index] == ".", isDigit(scalars[index + 1]) {
      index += 1
      fen += Int64(scalars[index].value - 48) * 10
      index += 1
      if index < scalars.count, isDigit(scalars[index]) {
        fen += Int64(scalars[index].value - 48)
        index += 1
      }
      while index < scalars.count, isDigit(scalars[index]) { index += 1 }
    }
    return (fen, index)
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }
}
