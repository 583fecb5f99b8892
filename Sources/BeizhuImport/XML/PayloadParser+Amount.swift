extension PayloadParser {
  /// Reads a transfer's `feedesc` (`￥198.00`, `¥198.00`, `198.00`, `RMB 1,299.5`, `198元`) as
  /// integer fen, exactly (never through `Double`).
  ///
  /// Returns `nil` for anything else: negative or empty amounts, more than two non-zero
  /// decimals, more than 15 integer digits, stray characters.
  public static func amountFen(_ text: String) -> Int64? {
    var text = text
    return text.withUTF8 { amountFen(utf8: $0) }
  }

  static func amountFen(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    var index = 0
    func skipSpace() {
      while index < bytes.count, PayloadText.isSpace(bytes[index]) { index += 1 }
    }
    func skip(_ marker: [UInt8]) -> Bool {
      guard bytes.count - index >= marker.count,
        UnsafeBufferPointer(rebasing: bytes[index..<(index + marker.count)]).elementsEqual(marker)
      else { return false }
      index += marker.count
      return true
    }
    skipSpace()
    for marker in currencyMarkers where skip(marker) {
      skipSpace()
      break
    }
    var whole: Int64 = 0
    var digits = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte >= 0x30, byte <= 0x39 {
        guard digits < 15 else { return nil }
        whole = whole * 10 + Int64(byte - 0x30)
        digits += 1
      } else if byte == UInt8(ascii: ","), digits > 0, index + 1 < bytes.count, bytes[index + 1] >= 0x30,
        bytes[index + 1] <= 0x39
      {
        // Thousands separator.
      } else {
        break
      }
      index += 1
    }
    guard digits > 0 else { return nil }
    var fen = whole * 100
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      var place: Int64 = 10
      var decimals = 0
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
        let digit = Int64(bytes[index] - 0x30)
        if decimals < 2 {
          fen += digit * place
          place /= 10
        } else if digit != 0 {
          return nil  // a fraction of a fen is not an amount WeChat writes
        }
        decimals += 1
        index += 1
      }
    }
    skipSpace()
    _ = skip(yuan)
    skipSpace()
    return index == bytes.count ? fen : nil
  }

  private static let currencyMarkers: [[UInt8]] = ["￥", "¥", "RMB", "CNY", "rmb"].map { Array($0.utf8) }
  private static let yuan: [UInt8] = Array("元".utf8)
}
